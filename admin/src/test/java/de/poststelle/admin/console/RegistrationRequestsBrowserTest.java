package de.poststelle.admin.console;

import de.poststelle.admin.testapp.RecordedRegistrationNotices;
import de.poststelle.core.tenant.AuthorityRegistration;
import de.poststelle.core.tenant.Contact;
import de.poststelle.core.tenant.Role;
import de.poststelle.core.tenant.Tenant;
import de.poststelle.store.tenant.AuthorityRegistrationRepository;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's refusals around registration requests, as the operator and a tenant admin meet them. */
class RegistrationRequestsBrowserTest extends ConsoleBrowserTestBase {

    @Autowired
    AuthorityRegistrationRepository registrations;
    @Autowired
    RecordedRegistrationNotices notices;

    @Test
    void aTakenTenantNameIsShownAtTheFieldAndCanBeChangedBeforeApproving() {
        tenants.create(operator(), "Stadt Doppelt", new Contact("", "", ""));
        AuthorityRegistration request = submit("Stadt Doppelt", "doppelt.example", "SMGW-DOPP-ELT1");
        browser.logIn(OPERATOR, OPERATOR_PASSWORD, "");
        browser.open("/registrations/" + request.id());

        browser.submit("/approve");
        assertThat(browser.text(By.id("tenantName-error"))).isEqualTo("a tenant named Stadt Doppelt exists already");
        assertThat(registrations.find(request.id()).orElseThrow().open()).isTrue();

        browser.type("tenantName", "Stadt Doppelt (Ortsteil Nord)");
        browser.submit("/approve");
        assertThat(browser.mainText()).contains("Der Antrag wurde genehmigt und der Mandant angelegt.");
        assertThat(notices.about(request.reference())).hasSize(1);
    }

    @Test
    void aRequestDecidedMeanwhileIsNotDecidedAgainAndTheOperatorIsToldWhy() {
        AuthorityRegistration request = submit("Gemeinde Zugleich", "zugleich.example", "SMGW-ZUGL-EICH");
        browser.logIn(OPERATOR, OPERATOR_PASSWORD, "");
        browser.open("/registrations/" + request.id());
        registrations.decide(request.id(), AuthorityRegistration.State.REJECTED, "kollegin", clock.instant(), "doppelt");

        browser.submit("/approve");

        assertThat(browser.text(By.id("decision-refused"))).contains("Nicht ausgeführt",
                "request SMGW-ZUGL-EICH was decided already (REJECTED by kollegin); nothing was changed");
        assertThat(tenants.list(operator())).extracting(Tenant::name).doesNotContain("Gemeinde Zugleich");
        assertThat(notices.about(request.reference())).isEmpty();
    }

    @Test
    void tenantAdminsNeitherSeeNorOpenTheRequests() {
        AuthorityRegistration request = submit("Amt Verborgen", "verborgen-antrag.example", "SMGW-VERB-ORGN");
        Tenant tenant = tenants.create(operator(), "Gemeinde Eigen", new Contact("", "", ""));
        String password = accounts.createTenantAdmin(operator(), tenant.id(), "eigen-admin", "", "",
                List.of(Role.values())).initialPassword();
        browser.logIn("eigen-admin", password, "");

        assertThat(browser.driver().findElements(By.linkText("Registrierungsanträge"))).isEmpty();
        browser.open("/registrations/" + request.id());
        assertThat(browser.heading()).isEqualTo("Keine Berechtigung");
        assertThat(browser.mainText()).doesNotContain("Amt Verborgen");
    }

    private AuthorityRegistration submit(String authority, String domain, String reference) {
        return registrations.submit(new AuthorityRegistration.Request(authority, "Frau Antrag", "it@" + domain, "",
                List.of(domain), "mx." + domain, ""), reference, clock.instant());
    }
}
