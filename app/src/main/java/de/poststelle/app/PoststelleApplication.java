package de.poststelle.app;

import de.poststelle.admin.AdminConfiguration;
import de.poststelle.messenger.MessengerConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

@SpringBootApplication
@Import({AdminConfiguration.class, MessengerConfiguration.class})
public class PoststelleApplication {

    public static void main(String[] args) {
        SpringApplication.run(PoststelleApplication.class, args);
    }
}
