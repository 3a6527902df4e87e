package de.poststelle.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class PoststelleApplication {

    public static void main(String[] args) {
        SpringApplication.run(PoststelleApplication.class, args);
    }
}
