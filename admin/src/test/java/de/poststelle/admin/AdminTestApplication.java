package de.poststelle.admin;

import de.poststelle.core.queue.MailQueue;
import de.poststelle.store.JdbcMailQueue;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import javax.sql.DataSource;
import java.time.Clock;

/**
 * The admin module on its own, as the app embeds it: H2 with the Flyway schema, a real web server,
 * and the mail queue the app would provide.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(AdminConfiguration.class)
public class AdminTestApplication {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    MailQueue mailQueue(DataSource dataSource, Clock clock) {
        return new JdbcMailQueue(dataSource, clock);
    }
}
