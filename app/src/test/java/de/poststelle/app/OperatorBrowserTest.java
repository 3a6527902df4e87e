package de.poststelle.app;

import de.poststelle.admin.console.Browser;
import de.poststelle.store.tenant.AdminUserRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The whole gateway on a random port with a headless Chromium per test, for tests in which the operator acts. */
abstract class OperatorBrowserTest {

    static final String OPERATOR = "admin";
    static final String OPERATOR_PASSWORD = "operator-password-1";

    @LocalServerPort
    int port;
    @Autowired
    AdminUserRepository users;
    @Autowired
    PasswordEncoder passwords;

    Browser browser;

    /** FirstOperator created the operator with a password printed at start; the test sets a known one. */
    @BeforeEach
    void knownOperatorPassword() {
        users.setPasswordHash(users.findByUsername(OPERATOR).orElseThrow().id(), passwords.encode(OPERATOR_PASSWORD));
        browser = Browser.start(port);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }
}
