package de.poststelle.admin.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Login settings under {@code poststelle.admin}.
 *
 * @param initialUsername the operator account created at first start when there is none
 * @param lockoutAttempts failed logins in a row that lock an account
 * @param lockoutDuration how long a locked account stays locked
 */
@ConfigurationProperties("poststelle.admin")
public record AdminProperties(String initialUsername, Integer lockoutAttempts, Duration lockoutDuration) {

    public AdminProperties {
        initialUsername = initialUsername == null ? "admin" : initialUsername;
        lockoutAttempts = lockoutAttempts == null ? 5 : lockoutAttempts;
        lockoutDuration = lockoutDuration == null ? Duration.ofMinutes(15) : lockoutDuration;
    }
}
