package de.poststelle.admin.console;

import de.poststelle.admin.service.ScanPolicyService;
import de.poststelle.core.MailAddress;
import de.poststelle.core.tenant.Contact;
import de.poststelle.core.tenant.Role;
import de.poststelle.core.tenant.ScanPolicy;
import de.poststelle.core.tenant.Tenant;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The tenant's virus protection page: the technical admin sets who is told, only the operator sets fail-open. */
class ScanPolicyBrowserTest extends ConsoleBrowserTestBase {

    @Autowired
    ScanPolicyService policies;

    @Test
    void theTechnicalAdminChoosesWhoIsToldAndOnlyTheOperatorSeesFailOpen() {
        Tenant tenant = tenants.create(operator(), "Landratsamt Virenfrei", new Contact("", "", ""));
        String password = accounts.createTenantAdmin(operator(), tenant.id(), "technik-virenfrei", "", "",
                List.of(Role.TECHNICAL_ADMIN)).initialPassword();

        browser.logIn("technik-virenfrei", password, "");
        browser.open("/tenants/" + tenant.id());
        browser.follow("Virenschutz");
        assertThat(browser.mainText()).contains("warten Nachrichten, bis er wieder arbeitet");
        assertThat(browser.driver().findElements(By.name("failOpen"))).as("operators only").isEmpty();
        browser.driver().findElement(By.name("notifySender")).click();
        browser.type("alertRecipients", "it-sicherheit@virenfrei.example\nkeine adresse");
        browser.submit("/virus-scan");
        assertThat(browser.text(By.id("alertRecipients-error"))).contains("not a mail address: keine adresse");
        assertThat(policies.get(operator(), tenant.id())).as("nothing saved").isEqualTo(ScanPolicy.DEFAULT);

        browser.type("alertRecipients", "it-sicherheit@virenfrei.example\nleitstelle@virenfrei.example");
        browser.submit("/virus-scan");
        assertThat(browser.mainText()).contains("Die Einstellungen zum Virenschutz wurden gespeichert.");
        assertThat(policies.get(operator(), tenant.id())).isEqualTo(new ScanPolicy(false, false,
                List.of(MailAddress.parse("it-sicherheit@virenfrei.example"),
                        MailAddress.parse("leitstelle@virenfrei.example"))));
        browser.logOut();

        browser.logIn(OPERATOR, OPERATOR_PASSWORD, "");
        browser.open("/tenants/" + tenant.id() + "/virus-scan");
        browser.driver().findElement(By.name("failOpen")).click();
        browser.screenshot("virus-scan");
        browser.submit("/virus-scan");
        assertThat(policies.get(operator(), tenant.id()).failOpen()).isTrue();
        assertThat(policies.get(operator(), tenant.id()).alertRecipients()).hasSize(2);
    }
}
