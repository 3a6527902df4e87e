package de.poststelle.admin;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import java.time.Clock;

/** The admin module on its own, as the app embeds it: in-memory H2 with the Flyway schema, a real web server. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(AdminConfiguration.class)
public class AdminTestApplication {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
