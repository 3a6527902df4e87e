package de.poststelle.admin.console;

import de.poststelle.core.tenant.Contact;
import de.poststelle.core.tenant.Role;
import de.poststelle.core.tenant.Tenant;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The technical admin keeps the encryption policy in the console; every admin of the tenant may ask "explain". */
class EncryptionPolicyBrowserTest extends ConsoleBrowserTestBase {

    @Test
    void theTechnicalAdminAddsARuleChangesTheTriggerAndExplainsWhatHappensToAMail() {
        Tenant tenant = tenants.create(operator(), "Stadt Verschlüsselungshausen", new Contact("", "", ""));
        String technical = accounts.createTenantAdmin(operator(), tenant.id(), "technik-krypto", "", "",
                List.of(Role.TECHNICAL_ADMIN)).initialPassword();
        String accounting = accounts.createTenantAdmin(operator(), tenant.id(), "konten-krypto", "", "",
                List.of(Role.ACCOUNT_ADMIN)).initialPassword();

        browser.logIn("technik-krypto", technical, "");
        browser.open("/tenants/" + tenant.id());
        browser.follow("Verschlüsselung");
        browser.choose("level", "Empfängerdomain");
        browser.type("match", "Partner.example");
        browser.choose("encryption", "Pflicht (sonst zurückhalten)");
        browser.submit("/encryption/rules");
        assertThat(browser.mainText()).contains("Die Regel wurde gespeichert.", "partner.example");

        browser.choose("level", "Absenderadresse");
        browser.type("match", "amt@fremd.example");
        browser.submit("/encryption/rules");
        assertThat(browser.text(By.id("match-error"))).contains("fremd.example is not one of the tenant's domains");

        browser.type("subjectTrigger", "[vertraulich]");
        browser.submit("/encryption/settings");
        assertThat(browser.mainText()).contains("Die Einstellungen wurden gespeichert.");
        assertThat(browser.driver().findElement(By.id("subjectTrigger")).getAttribute("value")).isEqualTo("[vertraulich]");
        browser.screenshot("encryption-policy");
        browser.logOut();

        browser.logIn("konten-krypto", accounting, "");
        browser.open("/tenants/" + tenant.id() + "/encryption");
        assertThat(browser.driver().findElements(By.cssSelector("form[action$='/encryption/rules']")))
                .as("only the technical admin changes rules").isEmpty();
        browser.type("sender", "amt@verschluesselungshausen.example");
        browser.type("recipient", "bob@partner.example");
        browser.submit("/encryption");
        assertThat(browser.text(By.id("explanation"))).contains("wird zurückgehalten", "Empfängerdomain partner.example");
    }
}
