package de.poststelle.messenger.testapp;

import de.poststelle.admin.KeyStoreConfiguration;
import de.poststelle.admin.TenantRepositoriesConfiguration;
import de.poststelle.admin.testapp.MutableClock;
import de.poststelle.core.queue.MailQueue;
import de.poststelle.messenger.MessengerConfiguration;
import de.poststelle.store.JdbcMailQueue;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.Locale;

/**
 * The Messenger on its own with an in-memory H2, the gateway's JDBC queue (notices and replies
 * land there), the administration's tenant repositories and key store, and a clock the tests move. The app provides texts
 * and the language switch through the console's configuration; here they are set up the same way.
 */
@SpringBootApplication
@Import({MessengerConfiguration.class, TenantRepositoriesConfiguration.class, KeyStoreConfiguration.class})
public class MessengerTestApplication implements WebMvcConfigurer {

    @Bean
    MutableClock clock() {
        return new MutableClock();
    }

    @Bean
    MailQueue mailQueue(DataSource dataSource, Clock clock) {
        return new JdbcMailQueue(dataSource, clock);
    }

    @Bean
    MessageSource messageSource() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messenger/messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("poststelle-lang");
        resolver.setDefaultLocale(Locale.GERMAN);
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor languageSwitch = new LocaleChangeInterceptor();
        languageSwitch.setParamName("lang");
        registry.addInterceptor(languageSwitch);
    }
}
