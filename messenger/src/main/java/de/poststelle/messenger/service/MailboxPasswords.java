package de.poststelle.messenger.service;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.Map;

/**
 * Argon2id hashes of mailbox passwords and PINs, like the administrators' passwords. A type of its
 * own rather than a second {@link PasswordEncoder} bean, which would make the administration's
 * injection by type ambiguous.
 */
public final class MailboxPasswords {

    private final PasswordEncoder encoder = new DelegatingPasswordEncoder("argon2",
            Map.of("argon2", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8()));

    public String hash(String secret) {
        return encoder.encode(secret);
    }

    public boolean matches(String secret, String hash) {
        return encoder.matches(secret, hash);
    }
}
