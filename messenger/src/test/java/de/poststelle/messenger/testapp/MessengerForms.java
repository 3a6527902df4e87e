package de.poststelle.messenger.testapp;

import de.poststelle.admin.console.Browser;
import org.openqa.selenium.By;

import static org.assertj.core.api.Assertions.assertThat;

/** The Messenger's forms as a citizen fills them in Chromium. */
public final class MessengerForms {

    private MessengerForms() {
    }

    /** Activates with the link and PIN and this password, logs in and opens the mail with this subject. */
    public static void activateAndOpen(Browser browser, String citizen, String linkPath, String pin, String password,
                                       String subject) {
        browser.open(linkPath);
        browser.type("pin", pin);
        browser.type("password", password);
        browser.type("passwordRepeated", password);
        browser.press(By.cssSelector("main form button[type=submit]"));
        assertThat(browser.mainText()).contains("Ihr Postfach ist aktiviert");
        browser.type("username", citizen);
        browser.type("password", password);
        browser.submit("/messenger/login");
        browser.follow(subject);
    }
}
