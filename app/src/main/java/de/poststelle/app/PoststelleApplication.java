package de.poststelle.app;

import de.poststelle.admin.AdminConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

@SpringBootApplication
@Import(AdminConfiguration.class)
public class PoststelleApplication {

    public static void main(String[] args) {
        SpringApplication.run(PoststelleApplication.class, args);
    }
}
