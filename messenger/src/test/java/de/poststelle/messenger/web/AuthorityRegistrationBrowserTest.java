package de.poststelle.messenger.web;

import de.poststelle.messenger.testapp.QueuedNotices;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The public form of an authority that wants to use the gateway actively ("aktiver Nutzer"). */
class AuthorityRegistrationBrowserTest extends MessengerBrowserTestBase {

    private static final Pattern REFERENCE = Pattern.compile("SMGW-[A-Z0-9]{4}-[A-Z0-9]{4}");

    @Test
    void anAuthorityFixesItsMistakesSubmitsAndGetsItsReferenceByMail() {
        String contact = "it-stelle@kreis-muster.example";
        browser.open("/messenger/login");
        browser.follow("Behörde? Als aktiver Nutzer registrieren");
        assertThat(browser.heading()).isEqualTo("Registrierung als aktiver Nutzer (Behörde)");
        fill("Landratsamt Muster", "Herr Beispiel", "it-stelle(at)kreis-muster", "0351 / 12-34",
                "kreis-muster.example\nmuster_amt..example", "mail.kreis-muster.example");
        browser.submit("/messenger/register/authority");

        assertThat(browser.text(By.id("authority-errors"))).contains("Der Antrag wurde nicht gestellt");
        assertThat(browser.text(By.id("contactEmail-error"))).contains("„it-stelle(at)kreis-muster“ ist keine gültige E-Mail-Adresse");
        assertThat(browser.text(By.id("domains-error"))).contains("„muster_amt..example“ ist kein gültiger Domainname");
        assertThat(browser.driver().findElement(By.id("domains")).getAttribute("aria-describedby"))
                .isEqualTo("domains-hint domains-error");
        assertThat(browser.driver().findElement(By.id("authorityName")).getAttribute("value"))
                .as("what was typed stays").isEqualTo("Landratsamt Muster");
        assertThat(QueuedNotices.to(queue, contact)).isEmpty();
        browser.driver().executeScript("window.scrollTo(0, 0)");
        browser.screenshot("messenger-register-authority");

        browser.type("contactEmail", contact);
        browser.type("domains", "Kreis-Muster.example, amt.kreis-muster.example");
        browser.submit("/messenger/register/authority");

        String confirmation = browser.text(By.id("authority-submitted"));
        assertThat(confirmation).contains("Ihr Antrag ist eingegangen", contact);
        String reference = reference(confirmation);
        String mail = QueuedNotices.last(queue, contact);
        assertThat(mail).contains(reference, "Landratsamt Muster", "kreis-muster.example, amt.kreis-muster.example",
                "mail.kreis-muster.example", "Der Betreiber prüft den Antrag", "-- English --",
                "The operator will check the request");
    }

    @Test
    void aDomainWithAnOpenRequestCannotBeRequestedAgain() {
        browser.open("/messenger/register/authority");
        fill("Gemeinde Erst", "Frau Eins", "it@erst.example", "", "erst.example", "192.0.2.25");
        browser.submit("/messenger/register/authority");
        assertThat(browser.text(By.id("authority-submitted"))).contains("Ihr Antrag ist eingegangen");

        browser.open("/messenger/register/authority");
        fill("Gemeinde Zweit", "Herr Zwei", "it@zweit.example", "", "zweit.example\nerst.example", "mx.zweit.example");
        browser.submit("/messenger/register/authority");
        assertThat(browser.text(By.id("domains-error")))
                .isEqualTo("Für die Domain erst.example liegt bereits ein offener Antrag vor. Bitte warten Sie dessen Entscheidung ab.");
        assertThat(QueuedNotices.to(queue, "it@zweit.example")).isEmpty();
    }

    @Test
    void theFormSpeaksEnglishAndNamesEveryMissingField() {
        browser.open("/messenger/register/authority?lang=en");
        assertThat(browser.heading()).isEqualTo("Registration as an active user (authority)");
        browser.submit("/messenger/register/authority");
        assertThat(browser.text(By.id("authorityName-error"))).isEqualTo("Please fill in.");
        assertThat(browser.text(By.id("mailServer-error"))).isEqualTo("Please fill in.");
        assertThat(browser.driver().findElements(By.cssSelector(".field-error"))).hasSize(5);
    }

    private void fill(String authority, String person, String email, String phone, String domains, String server) {
        browser.type("authorityName", authority);
        browser.type("contactPerson", person);
        browser.type("contactEmail", email);
        browser.type("phone", phone);
        browser.type("domains", domains);
        browser.type("mailServer", server);
    }

    private static String reference(String text) {
        Matcher match = REFERENCE.matcher(text);
        assertThat(match.find()).as("a reference in: " + text).isTrue();
        return match.group();
    }
}
