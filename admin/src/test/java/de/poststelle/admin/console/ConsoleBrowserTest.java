package de.poststelle.admin.console;

import de.poststelle.admin.security.TotpCodes;
import de.poststelle.core.tenant.Contact;
import de.poststelle.core.tenant.Role;
import de.poststelle.core.tenant.Tenant;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in a real headless Chromium against the running admin module: what an operator and a
 * tenant admin see and do, login failures, language, CSRF and the second factor.
 */
class ConsoleBrowserTest extends ConsoleBrowserTestBase {

    @Test
    void operatorSetsUpATenantWithDomainsAndAMappingAndFindsEachStepInTheAuditLog() {
        browser.open("/login");
        assertThat(browser.driver().findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("de");
        assertThat(browser.driver().getTitle()).isEqualTo("Anmelden – Poststelle");
        browser.screenshot("login");
        browser.logIn(OPERATOR, OPERATOR_PASSWORD, "");
        assertThat(browser.heading()).isEqualTo("Übersicht");

        browser.open("/clusters");
        browser.type("name", "nord");
        browser.type("description", "Rechenzentrum Nord");
        browser.submit("/clusters");
        assertThat(browser.mainText()).contains("Der Cluster wurde gespeichert.", "Rechenzentrum Nord");

        String tenantPath = browser.createTenant("Stadt Musterhausen", "Erika Mustermann", "it@musterhausen.example");
        assertThat(browser.heading()).isEqualTo("Mandant Stadt Musterhausen");
        assertThat(browser.mainText()).contains("Der Mandant wurde angelegt.");

        browser.follow("Domain anlegen");
        browser.type("name", "musterhausen.de-mail.de");
        browser.choose("kind", "De-Mail-Domain");
        browser.choose("cluster", "nord");
        browser.type("receivingHost", "");
        browser.submit("/domains");
        assertThat(browser.mainText()).contains("Die Domain wurde angelegt.");

        browser.follow("Domain anlegen");
        browser.type("name", "musterhausen.example");
        browser.choose("kind", "E-Mail-Domain");
        browser.choose("cluster", "nord");
        browser.type("allowedSenders", "10.1.0.0/16");
        browser.type("receivingHost", "mail.musterhausen.example");
        browser.submit("/domains");
        assertThat(browser.mainText()).contains("musterhausen.de-mail.de", "musterhausen.example",
                "De-Mail-Domain", "E-Mail-Domain", "[mail.musterhausen.example]:25");
        browser.screenshot("tenant-domains");

        browser.addMapping(tenantPath, "Max.Muster@musterhausen.example", "max.muster@musterhausen.de-mail.de");
        assertThat(browser.text(By.cssSelector("#mappings table"))).contains(
                "max.muster@musterhausen.example", "max.muster@musterhausen.de-mail.de");
        browser.screenshot("mappings");

        browser.open("/audit");
        assertThat(browser.text(By.id("results"))).contains("cluster.create", "tenant.create", "domain.create",
                "mapping.add", "Stadt Musterhausen", "musterhausen.example");
        browser.type("action", "domain.create");
        browser.submitInPlace("/audit");
        // the unfiltered list shows the domain too: wait for what the filter removes
        browser.waitForTextGone(By.id("results"), "mapping.add");
        assertThat(browser.text(By.id("results"))).contains("musterhausen.de-mail.de").doesNotContain("cluster.create");
        assertThat(browser.driver().getCurrentUrl()).contains("action=domain.create");
        browser.open("/audit");
        browser.screenshot("audit");

        browser.open("/");
        assertThat(browser.mainText()).contains("Stadt Musterhausen", "Betreiber");
        browser.screenshot("dashboard");
    }

    @Test
    void aTenantAdminCreatedInTheConsoleSeesOnlyItsOwnTenantAndOnlyItsActions() {
        Tenant own = tenants.create(operator(), "Landkreis Eigen", new Contact("", "", ""));
        Tenant other = tenants.create(operator(), "Landkreis Fremd", new Contact("", "", ""));
        browser.logIn(OPERATOR, OPERATOR_PASSWORD, "");
        browser.open("/tenants/" + own.id() + "/admins");
        browser.type("username", "sachbearbeiter");
        browser.driver().findElement(By.cssSelector("input[name=roles][value=ACCOUNT_ADMIN]")).click();
        browser.submit("/admins");
        String initialPassword = browser.text(By.id("new-password"));
        assertThat(browser.mainText()).contains("Passwort für sachbearbeiter", "Account-Admin");
        browser.open("/tenants/" + own.id() + "/admins");
        assertThat(browser.driver().findElements(By.id("new-password"))).as("shown once").isEmpty();
        browser.logOut();

        browser.logIn("sachbearbeiter", initialPassword, "");
        assertThat(browser.mainText()).contains("Landkreis Eigen", "Account-Admin").doesNotContain("Landkreis Fremd");
        browser.open("/tenants");
        assertThat(browser.mainText()).contains("Landkreis Eigen").doesNotContain("Landkreis Fremd", "Mandant anlegen");
        browser.open("/tenants/" + own.id());
        assertThat(browser.driver().findElements(By.linkText("Domain anlegen"))).isEmpty();
        assertThat(browser.driver().findElements(By.linkText("Vollmachten"))).isEmpty();
        assertThat(browser.driver().findElements(By.linkText("Cluster"))).isEmpty();
        assertThat(browser.driver().findElements(By.linkText("Warteschlange"))).as("not a technical admin").isEmpty();

        browser.open("/tenants/" + other.id());
        assertThat(browser.heading()).isEqualTo("Nicht gefunden");
        assertThat(browser.driver().getPageSource()).doesNotContain("Landkreis Fremd", "Exception");
        browser.open("/tenants/" + other.id() + "/mappings");
        assertThat(browser.heading()).isEqualTo("Nicht gefunden");
        browser.open("/tenants/" + own.id() + "/delegations");
        assertThat(browser.heading()).isEqualTo("Keine Berechtigung");
    }

    @Test
    void aWrongPasswordIsReportedInGermanAndTooManyLockTheAccount() {
        browser.logIn(OPERATOR, "not-the-password", "");
        assertThat(browser.text(By.id("login-error")))
                .isEqualTo("Anmeldung fehlgeschlagen: Benutzername, Passwort oder Einmalcode ist falsch.");
        assertThat(browser.driver().findElement(By.id("username")).getDomAttribute("aria-describedby"))
                .isEqualTo("login-error");

        Tenant tenant = tenants.create(operator(), "Gemeinde Sperre", new Contact("", "", ""));
        String password = accounts.createTenantAdmin(operator(), tenant.id(), "vergesslich", "", "",
                List.of(Role.USER_ADMIN)).initialPassword();
        for (int attempt = 0; attempt < 5; attempt++) {
            browser.logIn("vergesslich", "wrong-" + attempt, "");
        }
        browser.logIn("vergesslich", password, "");
        assertThat(browser.text(By.id("login-error"))).contains("vorübergehend gesperrt");
    }

    @Test
    void theLanguageSwitchesToEnglishAndStaysSo() {
        browser.open("/login");
        browser.follow("English");
        assertThat(browser.heading()).isEqualTo("Log in");
        assertThat(browser.driver().findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en");
        browser.type("username", OPERATOR);
        browser.type("password", OPERATOR_PASSWORD);
        browser.submit("/login");
        assertThat(browser.heading()).isEqualTo("Overview");
        browser.open("/tenants/999999");
        assertThat(browser.heading()).isEqualTo("Not found");
        browser.follow("Deutsch");
        assertThat(browser.heading()).isEqualTo("Nicht gefunden");
    }

    @Test
    void aPostWithoutTheCsrfTokenIsRefused() {
        browser.logIn(OPERATOR, OPERATOR_PASSWORD, "");
        browser.open("/clusters");
        Object status = browser.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/clusters', {method: 'POST', redirect: 'manual',
                        headers: {'Content-Type': 'application/x-www-form-urlencoded'},
                        body: 'name=ohne-token&description=x'})
                    .then(r => done(r.status));
                """);
        assertThat(status).isEqualTo(403L);
        browser.open("/clusters");
        assertThat(browser.mainText()).doesNotContain("ohne-token");
    }

    @Test
    void aSecondFactorOnceConfirmedIsNeededAtLogin() {
        Tenant tenant = tenants.create(operator(), "Amt Zweifaktor", new Contact("", "", ""));
        String password = accounts.createTenantAdmin(operator(), tenant.id(), "vorsichtig", "", "",
                List.of(Role.TECHNICAL_ADMIN)).initialPassword();
        browser.logIn("vorsichtig", password, "");
        browser.open("/account");
        browser.submit("/account/totp/start");
        String secret = browser.text(By.id("totp-secret"));
        assertThat(browser.text(By.id("totp-uri"))).startsWith("otpauth://totp/Poststelle%3Avorsichtig?secret=" + secret);
        browser.type("code", "000000".equals(code(secret)) ? "111111" : "000000");
        browser.submit("/account/totp/confirm");
        assertThat(browser.text(By.id("code-error"))).startsWith("Der Code stimmt nicht.");
        browser.type("code", code(secret));
        browser.submit("/account/totp/confirm");
        assertThat(browser.mainText()).contains("Der zweite Faktor ist eingeschaltet.");
        browser.logOut();

        browser.logIn("vorsichtig", password, "");
        assertThat(browser.heading()).isEqualTo("Anmelden");
        assertThat(browser.text(By.id("login-error"))).startsWith("Anmeldung fehlgeschlagen");
        browser.logIn("vorsichtig", password, code(secret));
        assertThat(browser.heading()).isEqualTo("Übersicht");
    }

    @Test
    void aDelegationIsListedAsActiveUntilRevoked() {
        Tenant tenant = tenants.create(operator(), "Stadt Vollmacht", new Contact("", "", ""));
        Tenant partnerHome = tenants.create(operator(), "Dienstleister GmbH", new Contact("", "", ""));
        accounts.createTenantAdmin(operator(), partnerHome.id(), "dienstleister", "", "", List.of(Role.USER_ADMIN));
        browser.logIn(OPERATOR, OPERATOR_PASSWORD, "");
        browser.open("/tenants/" + tenant.id() + "/delegations");
        browser.type("username", "dienstleister");
        browser.driver().findElement(By.cssSelector("input[name=roles][value=TECHNICAL_ADMIN]")).click();
        browser.driver().findElement(By.cssSelector("input[name=commissioning]")).click();
        browser.setValue("validUntil", LocalDateTime.now(ConsoleTime.ZONE).plusDays(40).withNano(0).withSecond(0)
                .toString());
        browser.submit("/delegations");
        assertThat(browser.text(By.id("validUntil-error"))).contains("4 weeks");

        browser.setValue("validUntil", LocalDateTime.now(ConsoleTime.ZONE).plusDays(14).withNano(0).withSecond(0)
                .toString());
        browser.submit("/delegations");
        assertThat(browser.mainText()).contains("Die Vollmacht wurde erteilt.", "dienstleister", "aktiv",
                "Inbetriebnahme");
        browser.screenshot("delegations");

        browser.submit("/revoke");
        assertThat(browser.mainText()).contains("Die Vollmacht wurde widerrufen.", "widerrufen");
    }

    /** The code the server expects now, by its own clock. */
    private String code(String secret) {
        return new TotpCodes(clock).codeAt(secret, clock.instant());
    }
}
