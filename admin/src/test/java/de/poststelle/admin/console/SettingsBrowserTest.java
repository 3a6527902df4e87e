package de.poststelle.admin.console;

import de.poststelle.admin.service.ClusterService;
import de.poststelle.admin.service.OperatorSettingsService;
import de.poststelle.core.tenant.Contact;
import de.poststelle.core.tenant.GatewayCluster;
import de.poststelle.core.tenant.OperatorSettings;
import de.poststelle.core.tenant.Role;
import de.poststelle.core.tenant.Tenant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The operator's settings page, and what the settings show a tenant's user admin. */
class SettingsBrowserTest extends ConsoleBrowserTestBase {

    @Autowired
    OperatorSettingsService settings;
    @Autowired
    ClusterService clusters;

    /** The settings are gateway-wide and the browser tests share one database: leave them as found. */
    @AfterEach
    void clearSettings() {
        settings.update(operator(), new OperatorSettings(Optional.empty(), new Contact("", "", ""), Optional.empty()));
    }

    @Test
    void theOperatorSavesSettingsAndAUserAdminSeesTheServiceDeskAndTheTermsToAccept() {
        clusters.save(operator(), new GatewayCluster("rz-sued", "Rechenzentrum Süd"));
        Tenant tenant = tenants.create(operator(), "Gemeinde Bedingungsdorf", new Contact("", "", ""));
        String password = accounts.createTenantAdmin(operator(), tenant.id(), "nutzerverwaltung", "", "",
                List.of(Role.USER_ADMIN)).initialPassword();

        browser.logIn(OPERATOR, OPERATOR_PASSWORD, "");
        browser.follow("Einstellungen");
        browser.type("currentTermsVersion", "Version 1");
        browser.submit("/settings");
        assertThat(browser.text(By.id("currentTermsVersion-error"))).as("spaces are not allowed").isNotBlank();
        browser.type("currentTermsVersion", "2026-1");
        browser.type("supportName", "Service-Desk ITSP");
        browser.type("supportEmail", "servicedesk@itsp.example");
        browser.type("supportPhone", "0351 4000");
        browser.choose("defaultCluster", "rz-sued");
        browser.submit("/settings");
        assertThat(browser.mainText()).contains("Die Einstellungen wurden gespeichert.");
        browser.screenshot("settings");
        browser.logOut();

        browser.logIn("nutzerverwaltung", password, "");
        assertThat(browser.mainText()).contains("Service-Desk ITSP", "servicedesk@itsp.example", "0351 4000",
                "Gemeinde Bedingungsdorf hat die Nutzungsbedingungen in der aktuellen Version 2026-1 noch nicht angenommen.");
        assertThat(browser.driver().findElements(By.linkText("Einstellungen"))).as("operators only").isEmpty();
        browser.follow("Nutzungsbedingungen für Gemeinde Bedingungsdorf annehmen");
        browser.submit("/terms");
        browser.open("/");
        assertThat(browser.mainText()).contains("Service-Desk ITSP").doesNotContain("noch nicht angenommen");
    }
}
