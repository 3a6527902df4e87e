package de.poststelle.admin.security;

import de.poststelle.admin.access.AuditTrail;
import de.poststelle.admin.service.AdminAccountService;
import de.poststelle.store.tenant.AdminUserRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates the first operator account when there is none, so a fresh installation can be logged
 * into without any fixed default password: the password comes from {@code POSTSTELLE_ADMIN_PASSWORD}
 * or is generated and printed once to standard output (not to the log file).
 */
public class FirstOperator implements ApplicationRunner {

    static final String PASSWORD_VARIABLE = "POSTSTELLE_ADMIN_PASSWORD";
    private static final Logger log = LoggerFactory.getLogger(FirstOperator.class);

    private final AdminUserRepository users;
    private final PasswordEncoder passwords;
    private final AuditTrail audit;
    private final AdminProperties properties;

    public FirstOperator(AdminUserRepository users, PasswordEncoder passwords, AuditTrail audit,
                         AdminProperties properties) {
        this.users = users;
        this.passwords = passwords;
        this.audit = audit;
        this.properties = properties;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (users.anyOperator()) {
            return;
        }
        String username = properties.initialUsername();
        String given = System.getenv(PASSWORD_VARIABLE);
        boolean generated = given == null || given.isBlank();
        String password = generated ? AdminAccountService.randomPassword() : given;
        if (!generated && password.length() < 12) {
            throw new IllegalStateException(PASSWORD_VARIABLE + " must have at least 12 characters");
        }
        users.create(username, "Erster Betreiber", "", true, passwords.encode(password));
        audit.recordSystem("system", "", "operator.create", username, "first operator at first start");
        if (generated) {
            System.out.println("""

                    ================================================================
                     Poststelle: first operator account created
                       user name: %s
                       password:  %s
                     This password is shown only this once. Log in and change it.
                    ================================================================
                    """.formatted(username, password));
            log.warn("created the first operator account '{}'; its password was printed to standard output once",
                    username);
        } else {
            log.info("created the first operator account '{}' with the password from {}", username, PASSWORD_VARIABLE);
        }
    }
}
