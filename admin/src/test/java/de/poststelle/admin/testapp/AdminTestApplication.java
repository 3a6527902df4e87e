package de.poststelle.admin.testapp;

import de.poststelle.admin.AdminConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The administration on its own, as the app runs it but with an in-memory H2 (Flyway migrates it)
 * and a clock the tests can move forward, e.g. past the end of a delegation.
 */
@SpringBootApplication
@Import(AdminConfiguration.class)
public class AdminTestApplication {

    @Bean
    MutableClock clock() {
        return new MutableClock();
    }
}
