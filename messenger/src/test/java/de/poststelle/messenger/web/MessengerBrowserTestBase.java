package de.poststelle.messenger.web;

import de.poststelle.admin.console.Browser;
import de.poststelle.admin.testapp.MutableClock;
import de.poststelle.core.MailAddress;
import de.poststelle.core.NextHop;
import de.poststelle.core.TlsMode;
import de.poststelle.core.queue.MailQueue;
import de.poststelle.core.tenant.Contact;
import de.poststelle.core.tenant.DomainKind;
import de.poststelle.core.tenant.SendDirection;
import de.poststelle.core.tenant.TenantDomain;
import de.poststelle.core.tenant.UnmappedPolicy;
import de.poststelle.messenger.service.MailboxDelivery;
import de.poststelle.messenger.testapp.MessengerTestApplication;
import de.poststelle.messenger.testapp.QueuedNotices;
import de.poststelle.messenger.testapp.TestMails;
import de.poststelle.store.tenant.DomainRepository;
import de.poststelle.store.tenant.TenantRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Messenger on a random port with a headless Chromium per test. All browser test classes
 * share one application and database, so every test uses addresses of its own.
 */
@SpringBootTest(classes = MessengerTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class MessengerBrowserTestBase {

    static final String PASSWORD = "ein-langes-passwort";

    @LocalServerPort
    int port;
    @Autowired
    MailQueue queue;
    @Autowired
    MailboxDelivery delivery;
    @Autowired
    MutableClock clock;
    @Autowired
    TenantRepository tenants;
    @Autowired
    DomainRepository domains;

    Browser browser;

    @BeforeEach
    void startBrowser() {
        browser = Browser.start(port);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    MailboxDelivery.Result deliver(String citizen, String clerk, String subject) {
        return delivery.deliver(MailAddress.parse(citizen), MailAddress.parse(clerk),
                TestMails.text(clerk, citizen, subject, "Guten Tag, anbei unser Schreiben."));
    }

    /** A tenant whose clerks write from {@code domain}; returns its id. */
    long authority(String name, String domain) {
        long id = tenants.create(name, new Contact("Poststelle", "it@" + domain, "")).id();
        domains.insert(new TenantDomain(domain, id, DomainKind.MAIL, Optional.empty(), SendDirection.SEND_AND_RECEIVE,
                Optional.of(NextHop.of("127.0.0.1", 25, TlsMode.OPPORTUNISTIC)), UnmappedPolicy.BOUNCE_ALL,
                Optional.empty(), List.of()));
        return id;
    }

    /** Opens the newest link, types the PIN the clerk got and a password; lands on the login page. */
    void activate(String citizen, String pinHolder) {
        browser.open(QueuedNotices.activationPath(queue, citizen));
        enterActivation(QueuedNotices.pin(queue, pinHolder));
        assertThat(browser.mainText()).contains("Ihr Postfach ist aktiviert");
    }

    /** Fills the open activation form with this PIN and a good password, and sends it. */
    void enterActivation(String pin) {
        browser.type("pin", pin);
        browser.type("password", PASSWORD);
        browser.type("passwordRepeated", PASSWORD);
        browser.press(By.cssSelector("main form button[type=submit]"));
    }

    void logIn(String citizen) {
        browser.open("/messenger/login");
        browser.type("username", citizen);
        browser.type("password", PASSWORD);
        browser.submit("/messenger/login");
    }
}
