package de.poststelle.messenger.web;

import de.poststelle.messenger.testapp.QueuedNotices;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import static org.assertj.core.api.Assertions.assertThat;

class RegistrationBrowserTest extends MessengerBrowserTestBase {

    @Test
    void addressesOfTheAdministrationCannotRegister() {
        browser.open("/messenger/register");
        browser.type("address", "referent@smul.sachsen.de");
        browser.submit("/messenger/register");
        assertThat(browser.text(By.id("register-error")))
                .contains("Mit E-Mail-Adressen der Verwaltung", "*.sachsen.de", "aktiver Nutzer");
        browser.screenshot("messenger-register-refused");
        assertThat(QueuedNotices.to(queue, "referent@smul.sachsen.de")).isEmpty();
    }

    @Test
    void aCitizenRegistersGetsLinkAndPinInTwoMailsAndCannotRegisterTwice() {
        String citizen = "paul@buerger.example";
        browser.open("/messenger/register");
        browser.screenshot("messenger-register");
        browser.type("address", citizen);
        browser.submit("/messenger/register");
        assertThat(browser.mainText()).contains("Sie erhalten eine E-Mail mit einem Einmal-Link");

        assertThat(QueuedNotices.to(queue, citizen)).hasSize(2);
        String linkMail = QueuedNotices.to(queue, citizen).getFirst();
        assertThat(linkMail).contains("/messenger/activate/").doesNotContainPattern("[0-9]{8}");
        activate(citizen, citizen);
        logIn(citizen);
        assertThat(browser.mainText()).contains("Keine Nachrichten in diesem Ordner.");

        browser.submit("/messenger/logout");
        assertThat(browser.mainText()).contains("Sie wurden abgemeldet.");
        browser.open("/messenger/register");
        browser.type("address", "Paul@Buerger.example");
        browser.submit("/messenger/register");
        assertThat(browser.text(By.id("register-error"))).contains("existiert bereits ein Postfach",
                "erneute Registrierung ist nicht notwendig und auch nicht möglich");
    }

    @Test
    void theFormSpeaksEnglishOnRequest() {
        browser.open("/messenger/register?lang=en");
        assertThat(browser.heading()).isEqualTo("Registration as a passive user");
        browser.type("address", "kaemmerer@stadt.sachsen.de");
        browser.submit("/messenger/register");
        assertThat(browser.text(By.id("register-error"))).contains("Addresses of the administration");
    }
}
