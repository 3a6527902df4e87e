package de.poststelle.admin.console;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

import java.time.Duration;
import java.util.Locale;

/**
 * The web console: server-rendered pages, German unless the user picks English with
 * {@code ?lang=en}, which a cookie then remembers. German is the default whatever the browser
 * asks for, because the console's users are German authorities. Upload limits for the CSV import
 * are in {@code poststelle-console.properties}.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackageClasses = ConsoleConfiguration.class)
@PropertySource("classpath:poststelle-console.properties")
public class ConsoleConfiguration implements WebMvcConfigurer {

    static final String LANGUAGE_PARAMETER = "lang";

    /**
     * The console's texts. Without a bundle for the requested language it falls back to the
     * German base file, never to the server's own locale. The bundle has a folder of its own: a
     * {@code messages.properties} at the classpath root (dnsjava ships one) would shadow it.
     */
    @Bean
    MessageSource messageSource() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        // the Messenger's pages (module messenger) share the application's one message source
        messages.setBasenames("console/messages", "messenger/messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("poststelle-lang");
        resolver.setDefaultLocale(Locale.GERMAN);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        return resolver;
    }

    /** Ahead of Spring Security's filters (order -100), which would read the oversized body first. */
    @Bean
    FilterRegistrationBean<MappingUploadLimit> mappingUploadLimit(
            @Value("${spring.servlet.multipart.max-request-size}") DataSize limit) {
        FilterRegistrationBean<MappingUploadLimit> registration = new FilterRegistrationBean<>(new MappingUploadLimit(limit));
        registration.setOrder(-101);
        return registration;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor languageSwitch = new LocaleChangeInterceptor();
        languageSwitch.setParamName(LANGUAGE_PARAMETER);
        languageSwitch.setIgnoreInvalidLocale(true);
        registry.addInterceptor(languageSwitch);
    }
}
