package de.poststelle.admin.testapp;

import de.poststelle.admin.AdminConfiguration;
import de.poststelle.core.queue.MailQueue;
import de.poststelle.store.JdbcMailQueue;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;

import javax.sql.DataSource;
import java.time.Clock;

/**
 * The administration on its own, as the app runs it but with an in-memory H2 (Flyway migrates it)
 * and a clock the tests can move forward, e.g. past the end of a delegation, and a fixed master key
 * for the key store (else a key file would be generated in the module directory).
 */
@SpringBootApplication
@Import(AdminConfiguration.class)
@PropertySource("classpath:admin-test.properties")
public class AdminTestApplication {

    @Bean
    MutableClock clock() {
        return new MutableClock();
    }

    /** The app provides the gateway's queue; the queue pages and API work on it. */
    @Bean
    MailQueue mailQueue(DataSource dataSource, Clock clock) {
        return new JdbcMailQueue(dataSource, clock);
    }
}
