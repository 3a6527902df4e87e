package de.poststelle.admin.console;

import de.poststelle.admin.service.DomainService;
import de.poststelle.admin.service.MappingService;
import de.poststelle.admin.testapp.QueuedMails;
import de.poststelle.core.CidrRange;
import de.poststelle.core.NextHop;
import de.poststelle.core.TlsMode;
import de.poststelle.core.queue.MailQueue;
import de.poststelle.core.tenant.Contact;
import de.poststelle.core.tenant.DomainKind;
import de.poststelle.core.tenant.Role;
import de.poststelle.core.tenant.SendDirection;
import de.poststelle.core.tenant.Tenant;
import de.poststelle.core.tenant.UnmappedPolicy;
import de.poststelle.store.tenant.NodeRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mail queue, the CSV import and export of mappings and the gateway nodes in a real headless
 * Chromium, each as the admin who uses it sees it.
 */
class QueueAndMappingImportBrowserTest extends ConsoleBrowserTestBase {

    @Autowired
    DomainService domains;
    @Autowired
    MappingService mappings;
    @Autowired
    MailQueue queue;
    @Autowired
    DataSource dataSource;
    @Autowired
    NodeRepository nodes;

    @TempDir
    Path files;

    @Test
    void aQuarantinedMailIsReleasedOnlyAfterConfirmingAndTheDownloadIsWarnedOf() {
        Tenant own = tenantWithMailDomain("Stadt Quarantal", "quarantal.example");
        String password = accounts.createTenantAdmin(operator(), own.id(), "technik-quarantal", "", "",
                List.of(Role.TECHNICAL_ADMIN)).initialPassword();
        String held = QueuedMails.quarantine(dataSource, clock.instant(), "extern@example.org", "amt@quarantal.example",
                "virus found: Eicar-Test-Signature");

        browser.logIn("technik-quarantal", password, "");
        browser.open("/queue/" + held + "?tenant=" + own.id());
        assertThat(browser.mainText()).contains("Quarantäne", "Eicar-Test-Signature",
                "Öffnen Sie die Datei nur auf einem dafür vorgesehenen Analysesystem");
        assertThat(browser.driver().findElement(By.linkText("Mail zur Analyse herunterladen (.eml)"))
                .getAttribute("href")).endsWith("/queue/" + held + "/content?tenant=" + own.id());

        browser.submitInPlace("/release");
        assertThat(browser.heading()).as("the browser's required check keeps the form").contains(held);
        browser.driver().findElement(By.cssSelector("form[action$='/release'] input[name=confirmed]")).click();
        browser.submit("/release");
        assertThat(browser.mainText()).contains("Die Mail wurde freigegeben und wird zugestellt.")
                .doesNotContain("Mail zur Analyse herunterladen");
    }

    @Test
    void aTechnicalAdminSeesItsTenantsMailOnlyAndDeletesOneAfterConfirming() {
        Tenant own = tenantWithMailDomain("Stadt Wasserburg", "wasserburg.example");
        tenantWithMailDomain("Stadt Fremdingen", "fremdingen.example");
        String password = accounts.createTenantAdmin(operator(), own.id(), "technik-wasserburg", "", "",
                List.of(Role.TECHNICAL_ADMIN)).initialPassword();
        String toAnna = QueuedMails.enqueue(queue, clock.instant(), "extern@example.org", "anna@wasserburg.example");
        String fromBert = QueuedMails.enqueue(queue, clock.instant(), "bert@wasserburg.example", "info@example.org");
        String foreign = QueuedMails.enqueue(queue, clock.instant(), "extern@example.org", "carl@fremdingen.example");

        browser.logIn("technik-wasserburg", password, "");
        browser.follow("Warteschlange");
        assertThat(browser.heading()).isEqualTo("Warteschlange");
        assertThat(browser.text(By.id("results"))).contains(toAnna, fromBert, "bert@wasserburg.example",
                "wartet auf Verarbeitung").doesNotContain(foreign);
        assertThat(browser.driver().findElements(By.cssSelector("#tenant option"))).extracting(o -> o.getText())
                .containsExactly("Stadt Wasserburg");
        browser.screenshot("queue");

        browser.type("recipient", "anna");
        browser.submitInPlace("/queue");
        browser.waitForTextGone(By.id("results"), fromBert);
        assertThat(browser.text(By.id("results"))).contains(toAnna);

        browser.follow(toAnna);
        assertThat(browser.mainText()).contains("extern@example.org", "anna@wasserburg.example", "mx.example",
                "127.0.0.1", "wartet auf Verarbeitung");
        browser.submit("/retry");
        assertThat(browser.mainText()).contains("Die Mail wurde nicht erneut versucht.", "nothing waiting for a retry");

        browser.driver().findElement(By.cssSelector("input[name=confirmed]")).click();
        browser.submit("/delete");
        assertThat(browser.mainText()).contains("Die Mail wurde gelöscht.", fromBert).doesNotContain(toAnna);

        browser.open("/queue/" + foreign + "?tenant=" + own.id());
        assertThat(browser.heading()).isEqualTo("Nicht gefunden");
        browser.open("/queue");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/queue?tenant=" + own.id());
    }

    @Test
    void anAccountAdminImportsMappingsAsDryRunThenForRealAndABadFileChangesNothing() throws IOException {
        Tenant tenant = tenantWithMailDomain("Gemeinde Import", "import-gemeinde.example");
        domains.create(operator(), tenant.id(), "import-gemeinde.de-mail.de", operatorSettings(DomainKind.DEMAIL),
                new DomainService.DeliverySettings(Optional.empty(), UnmappedPolicy.BOUNCE_ALL, Optional.empty()));
        String password = accounts.createTenantAdmin(operator(), tenant.id(), "konten-import", "", "",
                List.of(Role.ACCOUNT_ADMIN)).initialPassword();
        Path good = csv("good.csv", """
                email;demail
                anna@import-gemeinde.example;anna@import-gemeinde.de-mail.de
                bert@import-gemeinde.example;bert@import-gemeinde.de-mail.de
                """);

        browser.logIn("konten-import", password, "");
        browser.open("/tenants/" + tenant.id() + "/mappings");
        browser.attach("file", good);
        browser.press(By.cssSelector("#csv button[type=submit]"));
        assertThat(browser.text(By.id("report"))).contains("Probelauf: Es wurde nichts geändert.",
                "anna@import-gemeinde.example", "neu");
        assertThat(browser.text(By.id("mappings"))).contains("Noch keine Zuordnungen.");

        browser.attach("file", good);
        browser.driver().findElement(By.cssSelector("input[name=dryRun]")).click();
        browser.press(By.cssSelector("#csv button[type=submit]"));
        assertThat(browser.text(By.id("report"))).contains("Der Import wurde ausgeführt: 2 hinzugefügt");
        assertThat(browser.text(By.id("mappings"))).contains("anna@import-gemeinde.de-mail.de",
                "bert@import-gemeinde.de-mail.de");
        browser.screenshot("mapping-import");

        browser.attach("file", csv("bad.csv", """
                email;demail
                carl@import-gemeinde.example;carl@import-gemeinde.de-mail.de
                kein-gueltiger-eintrag;dora@import-gemeinde.de-mail.de
                """));
        browser.press(By.cssSelector("#csv button[type=submit]"));
        assertThat(browser.text(By.id("report"))).contains("Es wurde nichts geändert: 1 Zeile(n)", "Fehler",
                "kein-gueltiger-eintrag");
        assertThat(mappings.list(operator(), tenant.id())).hasSize(2);

        Object export = browser.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0]).then(r => r.text().then(t => done(r.headers.get('Content-Disposition') + '\\n' + t)));
                """, "/tenants/" + tenant.id() + "/mappings/export");
        assertThat((String) export).startsWith("attachment; filename=\"zuordnungen-gemeinde-import.csv\"")
                .contains("email;demail", "anna@import-gemeinde.example;anna@import-gemeinde.de-mail.de");

        Path huge = files.resolve("huge.csv");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(6L * 1024 * 1024);
        }
        browser.attach("file", huge);
        browser.press(By.cssSelector("#csv button[type=submit]"));
        assertThat(browser.mainText()).contains("Die Datei ist zu groß: höchstens 5 MB sind erlaubt.");
    }

    @Test
    void theOperatorSeesTheNodesAndWhichOneHasFallenSilent() {
        nodes.started("gw-sued-1", "sued", clock.instant());
        nodes.started("gw-sued-2", "sued", clock.instant().minus(Duration.ofMinutes(10)));

        browser.logIn(OPERATOR, OPERATOR_PASSWORD, "");
        browser.follow("Cluster");
        assertThat(browser.text(By.xpath("//table[@id='nodes']//tr[td='gw-sued-1']"))).contains("sued", "meldet sich");
        assertThat(browser.text(By.xpath("//table[@id='nodes']//tr[td='gw-sued-2']")))
                .contains("seit 10 Minuten nicht gemeldet");
    }

    private Tenant tenantWithMailDomain(String name, String domain) {
        Tenant tenant = tenants.create(operator(), name, new Contact("", "", ""));
        domains.create(operator(), tenant.id(), domain, operatorSettings(DomainKind.MAIL),
                new DomainService.DeliverySettings(Optional.of(NextHop.of("127.0.0.1", 2526, TlsMode.OPPORTUNISTIC)),
                        UnmappedPolicy.BOUNCE_ALL, Optional.empty()));
        return tenant;
    }

    private static DomainService.OperatorSettings operatorSettings(DomainKind kind) {
        return new DomainService.OperatorSettings(kind, Optional.empty(), SendDirection.SEND_AND_RECEIVE,
                List.of(CidrRange.parse("127.0.0.1")));
    }

    private Path csv(String name, String content) throws IOException {
        return Files.writeString(files.resolve(name), content);
    }
}
