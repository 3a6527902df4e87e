package de.poststelle.messenger.web;

import de.poststelle.core.MailAddress;
import de.poststelle.messenger.service.MailboxDelivery;
import de.poststelle.messenger.testapp.QueuedNotices;
import de.poststelle.messenger.testapp.TestMails;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MessengerBrowserTest extends MessengerBrowserTestBase {

    private static final byte[] PDF = "%PDF-1.4 Bescheid vom Amt".getBytes(StandardCharsets.US_ASCII);

    @Test
    void recipientActivatesWithThePinReadsDownloadsAndReplies() throws Exception {
        String citizen = "erika@buerger.example";
        String clerk = "sachbearbeiter@amt.example";
        MailboxDelivery.Result result = delivery.deliver(MailAddress.parse(citizen), MailAddress.parse(clerk),
                TestMails.withAttachment(clerk, citizen, "Ihr Antrag auf Wohngeld",
                        "<p>Sehr geehrte Frau Muster,</p><p>anbei der <b>Bescheid</b>.</p>"
                                + "<script>document.title='owned'</script><img src=\"https://tracker.example/read.gif\">",
                        "bescheid.pdf", PDF));
        assertThat(result).isInstanceOf(MailboxDelivery.Stored.class);

        String notice = QueuedNotices.last(queue, citizen);
        assertThat(notice).contains("sachbearbeiter@amt.example", "Ihr Antrag auf Wohngeld", "/messenger/activate/")
                .doesNotContain("Bescheid vom Amt").doesNotContainPattern("PIN: [0-9]{8}");
        assertThat(QueuedNotices.last(queue, clerk)).contains("erika@buerger.example").containsPattern("PIN: [0-9]{8}");

        browser.open(QueuedNotices.activationPath(queue, citizen));
        browser.screenshot("messenger-activate");
        activate(citizen, clerk);

        logIn(citizen);
        assertThat(browser.heading()).isEqualTo("Posteingang");
        assertThat(browser.text(By.id("messages"))).contains("sachbearbeiter@amt.example", "Ihr Antrag auf Wohngeld");
        assertThat(browser.text(By.id("usage"))).contains("von 1,00 MB belegt");
        browser.screenshot("messenger-inbox");

        browser.follow("Ihr Antrag auf Wohngeld");
        assertThat(browser.text(By.id("mail-body"))).contains("Sehr geehrte Frau Muster", "anbei der Bescheid");
        assertThat(browser.driver().findElement(By.id("mail-body")).getDomProperty("innerHTML"))
                .doesNotContain("script", "img", "tracker.example");
        assertThat(browser.driver().getTitle()).doesNotContain("owned");
        assertThat(browser.text(By.id("attachments"))).contains("bescheid.pdf");
        browser.screenshot("messenger-message");

        HttpResponse<byte[]> download = fetchWithSession(
                browser.driver().findElement(By.linkText("bescheid.pdf")).getDomAttribute("href"));
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(PDF);
        assertThat(download.headers().firstValue("Content-Disposition")).get().asString()
                .startsWith("attachment").contains("bescheid.pdf");

        browser.follow("Antworten");
        assertThat(browser.driver().findElement(By.id("subject")).getDomProperty("value"))
                .isEqualTo("Re: Ihr Antrag auf Wohngeld");
        browser.type("text", "Vielen Dank, ich habe den Bescheid erhalten.");
        browser.screenshot("messenger-compose");
        browser.submit("/messenger/compose");
        assertThat(browser.mainText()).contains("Ihre Nachricht wurde an die Behörde gesendet.");
        assertThat(browser.text(By.id("messages"))).contains("Re: Ihr Antrag auf Wohngeld");

        String reply = QueuedNotices.last(queue, clerk);
        assertThat(reply).contains("From: erika@buerger.example", "Re: Ihr Antrag auf Wohngeld",
                "Vielen Dank, ich habe den Bescheid erhalten.");
    }

    @Test
    void onAPhoneEveryPageFitsTheScreenWidth() {
        String citizen = "handy.nutzerin.mit.langer.adresse@buerger-service.example";
        String clerk = "bauordnungsamt.sachgebiet.genehmigungen@landratsamt.example";
        delivery.deliver(MailAddress.parse(citizen), MailAddress.parse(clerk),
                TestMails.withAttachment(clerk, citizen, "Baugenehmigung_Aktenzeichen_2026-BV-004711_Nachforderung",
                        "<p>Bitte reichen Sie die fehlenden Unterlagen nach.</p>", "nachforderung.pdf", PDF));
        browser.driver().executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 360, "height", 740, "deviceScaleFactor", 1, "mobile", true));

        List<String> publicPages = List.of("/messenger/login", "/messenger/register", "/messenger/register/authority",
                QueuedNotices.activationPath(queue, citizen));
        for (String page : publicPages) {
            browser.open(page);
            assertFitsTheWidth(page);
        }
        activate(citizen, clerk);
        logIn(citizen);
        assertFitsTheWidth("inbox");
        browser.screenshot("messenger-phone-inbox");
        browser.follow("Baugenehmigung_Aktenzeichen_2026-BV-004711_Nachforderung");
        assertFitsTheWidth("message");
        for (String page : List.of("/messenger/compose", "/messenger/keys", "/messenger/sent", "/messenger/trash")) {
            browser.open(page);
            assertFitsTheWidth(page);
        }
    }

    /** Names the elements sticking out, so a failure says where to look. */
    private void assertFitsTheWidth(String page) {
        Object sticking = browser.driver().executeScript("""
                const width = document.documentElement.clientWidth;
                return [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > width + 1)
                    .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : ''))
                    .join(' ');""");
        assertThat(sticking).as("elements wider than the screen on " + page).isEqualTo("");
    }

    @Test
    void wrongPinsLockTheLinkAndTheRightPinNoLongerHelps() {
        String citizen = "max@buerger.example";
        String clerk = "kasse@amt.example";
        deliver(citizen, clerk, "Mahnung");
        String rightPin = QueuedNotices.pin(queue, clerk);
        browser.open(QueuedNotices.activationPath(queue, citizen));
        for (int attempt = 1; attempt <= 5; attempt++) {
            enterActivation("00000000".equals(rightPin) ? "11111111" : "00000000");
            if (attempt < 5) {
                assertThat(browser.mainText()).contains("Die PIN ist falsch. Verbleibende Versuche: " + (5 - attempt));
            }
        }
        assertThat(browser.mainText()).contains("Die PIN wurde zu oft falsch eingegeben");
        browser.screenshot("messenger-pin-locked");

        browser.open(QueuedNotices.activationPath(queue, citizen));
        assertThat(browser.mainText()).contains("Die PIN wurde zu oft falsch eingegeben");
        assertThat(browser.driver().findElements(By.id("pin"))).isEmpty();
    }

    @Test
    void reactivationInvalidatesTheEarlierLinkAndPin() {
        String citizen = "lena@buerger.example";
        String clerk = "bauamt@amt.example";
        deliver(citizen, clerk, "Baugenehmigung");
        String firstLink = QueuedNotices.activationPath(queue, citizen);
        String firstPin = QueuedNotices.pin(queue, clerk);
        deliver(citizen, clerk, "Baugenehmigung, Nachtrag");
        String secondLink = QueuedNotices.activationPath(queue, citizen);
        assertThat(secondLink).isNotEqualTo(firstLink);

        browser.open(firstLink);
        assertThat(browser.mainText()).contains("Dieser Aktivierungslink ist nicht (mehr) gültig");
        browser.screenshot("messenger-link-invalid");

        browser.open(secondLink);
        enterActivation(firstPin);
        assertThat(browser.mainText()).contains("Die PIN ist falsch");

        activate(citizen, clerk);
        browser.open(secondLink);
        assertThat(browser.mainText()).contains("Dieser Aktivierungslink ist nicht (mehr) gültig");
        logIn(citizen);
        assertThat(browser.text(By.id("messages"))).contains("Baugenehmigung", "Baugenehmigung, Nachtrag");
    }

    @Test
    void aMailBeyondTheQuotaIsNotStoredAndTheMailboxShowsItsUsage() {
        String citizen = "voll@buerger.example";
        String clerk = "archiv@amt.example";
        String large = "x".repeat(600 * 1024);
        assertThat(deliver(citizen, clerk, "Akte Teil 1 " + large.substring(0, 1)))
                .isInstanceOf(MailboxDelivery.Stored.class);
        activate(citizen, clerk);
        MailboxDelivery.Result first = delivery.deliver(MailAddress.parse(citizen), MailAddress.parse(clerk),
                TestMails.text(clerk, citizen, "Akte Teil 2", large));
        MailboxDelivery.Result second = delivery.deliver(MailAddress.parse(citizen), MailAddress.parse(clerk),
                TestMails.text(clerk, citizen, "Akte Teil 3", large));
        assertThat(first).isInstanceOf(MailboxDelivery.Stored.class);
        assertThat(second).isInstanceOf(MailboxDelivery.OverQuota.class);

        logIn(citizen);
        assertThat(browser.text(By.id("messages"))).contains("Akte Teil 2").doesNotContain("Akte Teil 3");
        assertThat(browser.text(By.id("usage"))).contains("0,59 MB von 1,00 MB belegt");

        browser.follow("Akte Teil 2");
        browser.follow("Antworten");
        browser.setValue("text", large.substring(0, 500 * 1024));
        browser.submit("/messenger/compose");
        assertThat(browser.mainText()).contains("Ihr Postfach ist voll");
    }

    private HttpResponse<byte[]> fetchWithSession(String path) throws Exception {
        Cookie session = browser.driver().manage().getCookieNamed("JSESSIONID");
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Cookie", "JSESSIONID=" + session.getValue()).build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        }
    }
}
