package de.poststelle.messenger.web;

import de.poststelle.crypto.keys.NewKeys;
import de.poststelle.crypto.pgp.TestKeys;
import de.poststelle.crypto.smime.TestPki;
import de.poststelle.messenger.store.MessengerAuditLog;
import de.poststelle.store.keys.Approval;
import de.poststelle.store.keys.Decision;
import de.poststelle.store.keys.KeyKind;
import de.poststelle.store.keys.KeyRepository;
import de.poststelle.store.keys.KeySource;
import de.poststelle.store.keys.StoredKey;
import de.poststelle.store.tenant.AuditLogRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class OwnKeysBrowserTest extends MessengerBrowserTestBase {

    @Autowired
    KeyRepository keys;
    @Autowired
    MessengerAuditLog messengerAudit;
    @Autowired
    AuditLogRepository tenantAudit;
    @TempDir
    Path files;

    @Test
    void citizenUploadsACertificateWhichTheAuthorityTrustingItsCaUses() throws Exception {
        TestPki pki = new TestPki();
        long stadt = authority("Stadtverwaltung Musterstadt", "stadt-keys.example");
        keys.add(NewKeys.trustedCa(stadt, pki.caCert, "admin"), clock.instant());
        long kreis = authority("Landratsamt Beispielkreis", "kreis-keys.example");
        String citizen = "jana@buerger-keys.example";
        deliver(citizen, "amt@stadt-keys.example", "Ihr Bauantrag");
        activate(citizen, "amt@stadt-keys.example");
        deliver(citizen, "anhoerung@kreis-keys.example", "Anhörung");
        logIn(citizen);
        browser.follow("Eigene Schlüssel");
        assertThat(browser.heading()).isEqualTo("Eigene Schlüssel");
        assertThat(browser.mainText()).contains("Sie haben noch keinen Schlüssel bereitgestellt.");

        upload(pem("riesig.pem", "A".repeat(65 * 1024)));
        assertThat(browser.text(By.id("key-error"))).contains("Die Datei ist zu groß");

        upload(pem("fremd.pem", pki.rsaUser("jemand@anders.example")));
        assertThat(browser.text(By.id("key-error"))).contains(
                "nicht für die E-Mail-Adresse dieses Postfachs ausgestellt, sondern für: jemand@anders.example");
        assertThat(keys.usableFor(stadt, KeyKind.RECIPIENT_CERT, "jemand@anders.example")).isEmpty();

        upload(pem("eigenes.pem", pki.rsaUser(citizen)));
        assertThat(browser.mainText()).contains("Ihr Schlüssel wurde für folgende Behörden gespeichert:",
                "Stadtverwaltung Musterstadt", "Landratsamt Beispielkreis");
        String keyList = browser.text(By.id("own-keys"));
        assertThat(keyList).contains("S/MIME-Zertifikat", "CN=" + citizen,
                "Stadtverwaltung Musterstadt: in Verwendung", "nicht vertrauenswürdig für Landratsamt Beispielkreis");
        assertThat(browser.text(By.id("untrusted-advice"))).contains("Volksverschlüsselung");
        browser.screenshot("messenger-own-keys");

        List<StoredKey> stored = keys.usableFor(stadt, KeyKind.RECIPIENT_CERT, citizen);
        assertThat(stored).singleElement().satisfies(key -> {
            assertThat(key.source()).isEqualTo(KeySource.MESSENGER);
            assertThat(key.addresses()).containsExactly(citizen);
        });
        assertThat(keys.usableFor(kreis, KeyKind.RECIPIENT_CERT, citizen)).hasSize(1);
        assertThat(messengerAudit.entriesFor(citizen)).extracting(MessengerAuditLog.Entry::event).contains("key.upload");
        assertThat(tenantAudit.find(new AuditLogRepository.Query(Optional.empty(), Optional.of(stadt), Optional.empty(),
                Optional.of("key.upload"), Optional.empty(), Optional.empty(), Optional.empty(), 10, 0)))
                .singleElement().satisfies(entry -> assertThat(entry.details()).contains(citizen));

        upload(pem("nochmal.pem", stored.getFirst().publicData().map(String::new).orElseThrow()));
        assertThat(browser.mainText()).contains("Ihr Schlüssel wurde für folgende Behörden gespeichert:")
                .doesNotContain("nicht für die E-Mail-Adresse");
        assertThat(keys.usableFor(stadt, KeyKind.RECIPIENT_CERT, citizen)).hasSize(1);
    }

    @Test
    void anOpenPgpKeyWaitsForTheAuthoritysApprovalAndCanBeWithdrawn() throws Exception {
        long amt = authority("Ordnungsamt Musterstadt", "ordnung-keys.example");
        String citizen = "paul@buerger-keys.example";
        deliver(citizen, "amt@ordnung-keys.example", "Ihre Anzeige");
        activate(citizen, "amt@ordnung-keys.example");
        logIn(citizen);
        TestKeys pgp = TestKeys.generate(TestKeys.Kind.P256, "Paul Beispiel <" + citizen + ">");
        // the key was made after the test clock stood still: let it exist at the clock's time
        clock.advance(Duration.ofHours(1));
        browser.open("/messenger/keys?lang=en");
        Path keyFile = Files.write(files.resolve("paul.gpg"), pgp.publicKey());
        upload(keyFile);
        assertThat(browser.text(By.id("own-keys"))).contains("OpenPGP key", "Ordnungsamt Musterstadt: awaiting approval");

        StoredKey pending = keys.usableFor(amt, KeyKind.PGP_PUBLIC, citizen).getFirst();
        assertThat(pending.approval()).contains(Approval.PENDING);
        assertThat(pending.source()).isEqualTo(KeySource.MESSENGER);
        keys.decide(amt, pending.id(), Approval.APPROVED, new Decision("admin", clock.instant()));
        browser.open("/messenger/keys?lang=de");
        assertThat(browser.text(By.id("own-keys"))).contains("OpenPGP-Schlüssel", "Ordnungsamt Musterstadt: freigegeben");

        browser.press(By.cssSelector("#own-keys button"));
        assertThat(browser.mainText()).contains("Der Schlüssel wurde zurückgezogen.",
                "Sie haben noch keinen Schlüssel bereitgestellt.");
        assertThat(keys.usableFor(amt, KeyKind.PGP_PUBLIC, citizen)).isEmpty();
        assertThat(messengerAudit.entriesFor(citizen)).extracting(MessengerAuditLog.Entry::event).contains("key.withdraw");
        upload(keyFile);
        assertThat(keys.usableFor(amt, KeyKind.PGP_PUBLIC, citizen)).as("uploaded again: approval starts afresh")
                .singleElement().returns(Optional.of(Approval.PENDING), StoredKey::approval);
    }

    @Test
    void aKeyCanOnlyBeProvidedOnceAnAuthorityWrote() throws Exception {
        String citizen = "lea@buerger-keys.example";
        deliver(citizen, "jemand@nicht-verwaltet.example", "Werbung");
        activate(citizen, "jemand@nicht-verwaltet.example");
        logIn(citizen);
        browser.open("/messenger/keys");
        upload(pem("lea.pem", new TestPki().rsaUser(citizen)));
        assertThat(browser.text(By.id("key-error"))).contains("Noch keine Behörde hat Ihnen über dieses Postfach geschrieben.");
    }

    private void upload(Path file) {
        browser.driver().findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
        browser.submit("/messenger/keys");
    }

    private Path pem(String name, TestPki.Identity identity) throws Exception {
        return pem(name, TestPki.pem(identity.cert()));
    }

    private Path pem(String name, String text) throws Exception {
        return Files.writeString(files.resolve(name), text, StandardCharsets.US_ASCII);
    }
}
