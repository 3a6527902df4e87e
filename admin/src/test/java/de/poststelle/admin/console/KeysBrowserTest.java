package de.poststelle.admin.console;

import de.poststelle.admin.testapp.TestKeys;
import de.poststelle.core.tenant.Contact;
import de.poststelle.core.tenant.Role;
import de.poststelle.core.tenant.Tenant;
import de.poststelle.crypto.keys.NewKeys;
import de.poststelle.crypto.pgp.PgpPublicKeyInfo;
import de.poststelle.store.keys.KeyRepository;
import de.poststelle.store.keys.KeySource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A technical admin imports certificates and an OpenPGP key in the console and approves the key. */
class KeysBrowserTest extends ConsoleBrowserTestBase {

    @Autowired
    KeyRepository keys;

    @Test
    void aTechnicalAdminImportsCertificatesAndApprovesAPendingPgpKey(@TempDir Path dir) throws Exception {
        Tenant tenant = tenants.create(operator(), "Landratsamt Schlüsselfeld", new Contact("", "", ""));
        String password = accounts.createTenantAdmin(operator(), tenant.id(), "technik-schluessel", "", "",
                List.of(Role.TECHNICAL_ADMIN)).initialPassword();
        TestKeys pki = new TestKeys("Browser-Test-CA");
        Path garbage = Files.writeString(dir.resolve("kaputt.pem"), "das ist kein Zertifikat");
        Path ca = Files.writeString(dir.resolve("ca.pem"), TestKeys.pem(pki.ca));
        Path recipient = Files.writeString(dir.resolve("buerger.pem"),
                TestKeys.pem(pki.issue("buerger@extern.example").certificate()));
        Path pgp = Files.writeString(dir.resolve("erika.asc"),
                TestKeys.pgpPublicKey("Erika Mustermann <erika@extern.example>"));

        browser.logIn("technik-schluessel", password, "");
        browser.open("/tenants/" + tenant.id());
        browser.follow("Schlüssel und Zertifikate");
        assertThat(browser.mainText()).contains("Noch keine Schlüssel oder Zertifikate.");

        browser.choose("type", "Vertrauenswürdige CA-Zertifikate (PEM oder DER)");
        browser.attach("file", garbage);
        browser.submit("/keys/import");
        assertThat(browser.text(By.cssSelector(".form-errors")))
                .isEqualTo("Die Datei enthält kein X.509-Zertifikat (erwartet: PEM oder DER).");

        browser.choose("type", "Vertrauenswürdige CA-Zertifikate (PEM oder DER)");
        browser.attach("file", ca);
        browser.submit("/keys/import");
        assertThat(browser.mainText()).contains("Die Datei wurde importiert.", "CN=Browser-Test-CA");

        browser.follow("Zurück zu den Schlüsseln von Landratsamt Schlüsselfeld");
        browser.choose("type", "Zertifikat eines Empfängers (PEM oder DER)");
        browser.attach("file", recipient);
        browser.submit("/keys/import");
        assertThat(browser.mainText()).contains("buerger@extern.example", "vertrauenswürdig");

        browser.follow("Zurück zu den Schlüsseln von Landratsamt Schlüsselfeld");
        browser.choose("type", "OpenPGP-Schlüssel eines Empfängers (wartet auf Freigabe)");
        browser.attach("file", pgp);
        browser.submit("/keys/import");
        String fingerprint = browser.text(By.id("fingerprint"));
        assertThat(fingerprint).matches("[0-9A-F]{40}");
        assertThat(browser.mainText()).contains("Erika Mustermann <erika@extern.example>", "wartet auf Freigabe",
                "Erzeugt");
        browser.screenshot("key-approval");

        browser.press(By.cssSelector("button[value=APPROVED]"));
        assertThat(browser.mainText()).contains("Der OpenPGP-Schlüssel wurde freigegeben.", "freigegeben");
        assertThat(browser.text(By.id("decision"))).startsWith("von technik-schluessel am");
        assertThat(browser.driver().findElements(By.cssSelector("button[value=APPROVED]"))).isEmpty();

        browser.follow("Zurück zu den Schlüsseln von Landratsamt Schlüsselfeld");
        assertThat(browser.mainText()).contains("Vertrauenswürdige CA", "Empfängerzertifikat",
                "OpenPGP-Schlüssel eines Empfängers", "freigegeben");
        browser.screenshot("keys");
    }

    @Test
    void aTechnicalAdminImportsTheTenantsOwnOpenPgpKeyWithItsPassphrase(@TempDir Path dir) throws Exception {
        Tenant tenant = tenants.create(operator(), "Gemeinde Schlüsselberg", new Contact("", "", ""));
        String password = accounts.createTenantAdmin(operator(), tenant.id(), "technik-pgp", "", "",
                List.of(Role.TECHNICAL_ADMIN)).initialPassword();
        Path secret = Files.writeString(dir.resolve("poststelle.asc"),
                TestKeys.pgpSecretKey("Poststelle <poststelle@schluesselberg.example>", "Sesam öffne dich"));
        String ownKey = "Eigener OpenPGP-Schlüssel (geheimer Schlüssel; Passphrase im Passwortfeld)";

        browser.logIn("technik-pgp", password, "");
        browser.open("/tenants/" + tenant.id() + "/keys");
        browser.choose("type", ownKey);
        browser.attach("file", secret);
        browser.type("password", "falsch");
        browser.submit("/keys/import");
        assertThat(browser.text(By.cssSelector(".form-errors")))
                .isEqualTo("Die Passphrase entsperrt den OpenPGP-Schlüssel nicht.");

        browser.choose("type", ownKey);
        browser.attach("file", secret);
        browser.type("password", "Sesam öffne dich");
        browser.submit("/keys/import");
        assertThat(browser.text(By.id("fingerprint"))).matches("[0-9A-F]{40}");
        assertThat(browser.mainText()).contains("Die Datei wurde importiert.", "Eigener OpenPGP-Schlüssel",
                "Poststelle <poststelle@schluesselberg.example>");
        assertThat(browser.driver().findElements(By.linkText("Öffentlichen Schlüssel herunterladen (ASCII)")))
                .as("the public part can be handed to partners").isNotEmpty();
    }

    @Test
    void anOpenPgpKeyACitizenUploadedInTheMessengerWaitsForTheAdminsApproval() throws Exception {
        Tenant tenant = tenants.create(operator(), "Gemeinde Schlüsselhof", new Contact("", "", ""));
        String password = accounts.createTenantAdmin(operator(), tenant.id(), "technik-messenger", "", "",
                List.of(Role.TECHNICAL_ADMIN)).initialPassword();
        byte[] uploaded = TestKeys.pgpPublicKey("Max Bürger <max@extern.example>").getBytes(StandardCharsets.US_ASCII);
        long id = keys.add(NewKeys.pgpPublicKey(tenant.id(), PgpPublicKeyInfo.read(uploaded, Instant.now()),
                KeySource.MESSENGER, "messenger"), Instant.now());

        browser.logIn("technik-messenger", password, "");
        browser.open("/tenants/" + tenant.id() + "/keys");
        assertThat(browser.mainText()).contains("Messenger (vom Empfänger hochgeladen)", "wartet auf Freigabe");
        browser.open("/tenants/" + tenant.id() + "/keys/" + id);
        browser.press(By.cssSelector("button[value=APPROVED]"));
        assertThat(browser.mainText()).contains("Der OpenPGP-Schlüssel wurde freigegeben.",
                "Messenger (vom Empfänger hochgeladen)");
    }
}
