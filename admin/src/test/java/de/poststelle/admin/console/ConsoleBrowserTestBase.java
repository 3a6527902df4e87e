package de.poststelle.admin.console;

import de.poststelle.admin.access.AccessControl;
import de.poststelle.admin.access.Actor;
import de.poststelle.admin.service.AdminAccountService;
import de.poststelle.admin.service.TenantService;
import de.poststelle.admin.testapp.AdminTestApplication;
import de.poststelle.admin.testapp.MutableClock;
import de.poststelle.store.tenant.AdminUserRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The console on a random port with a headless Chromium per test, and the operator "admin" with a
 * known password. All browser test classes share one application and database, so names must differ.
 */
@SpringBootTest(classes = AdminTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ConsoleBrowserTestBase {

    static final String OPERATOR = "admin";
    static final String OPERATOR_PASSWORD = "operator-password-1";

    @LocalServerPort
    int port;
    @Autowired
    AdminUserRepository users;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    AccessControl access;
    @Autowired
    TenantService tenants;
    @Autowired
    AdminAccountService accounts;
    /** The server's clock; API tests in the same application move it ahead of real time. */
    @Autowired
    MutableClock clock;

    Browser browser;

    /** FirstOperator created "admin" with a printed password at start; the test sets a known one. */
    @BeforeEach
    void knownOperatorPassword() {
        long id = users.findByUsername(OPERATOR).orElseThrow().id();
        users.setPasswordHash(id, passwords.encode(OPERATOR_PASSWORD));
        users.recordSuccessfulLogin(id);
        browser = Browser.start(port);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    Actor operator() {
        return new Actor(access.authorityOf(users.findByUsername(OPERATOR).orElseThrow()), "127.0.0.1");
    }
}
