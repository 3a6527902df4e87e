package de.poststelle.admin.api;

import de.poststelle.admin.testapp.RecordedRegistrationNotices;
import de.poststelle.core.tenant.AuthorityRegistration;
import de.poststelle.core.tenant.Role;
import de.poststelle.store.tenant.AuthorityRegistrationRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** Operators decide authorities' registration requests through the API; nobody else may. */
class RegistrationApiTest extends ApiTestBase {

    @Autowired
    AuthorityRegistrationRepository registrations;
    @Autowired
    RecordedRegistrationNotices notices;

    @Test
    void approvingCreatesTheTenantWithItsDomainsOnceAndTellsTheRequester() {
        String domain = unique("kreis") + ".example";
        AuthorityRegistration request = submit(unique("Landratsamt"), domain, "rathaus." + domain);
        String tenantName = unique("Landkreis Muster");

        JsonNode approved = ok(operator.post(path(request, "approve"), Map.of("tenantName", tenantName))).json();

        assertThat(approved.get("state").asString()).isEqualTo("APPROVED");
        long tenantId = approved.get("tenantId").asLong();
        JsonNode tenant = ok(operator.get("/api/v1/tenants/" + tenantId)).json();
        assertThat(tenant.get("name").asString()).isEqualTo(tenantName);
        assertThat(tenant.get("contact").get("email").asString()).isEqualTo("it@" + domain);
        JsonNode domains = ok(operator.get("/api/v1/tenants/" + tenantId + "/domains")).json();
        assertThat(texts(domains, "name")).containsExactlyInAnyOrder(domain, "rathaus." + domain);
        assertThat(domains.get(0).get("deliverySettings").get("receivingServer").get("host").asString())
                .isEqualTo("mx." + domain);
        assertThat(notices.about(request.reference()))
                .containsExactly("approved " + request.reference() + " as " + tenantName + " to it@" + domain);
        assertThat(ok(operator.get("/api/v1/audit?action=registration.approve&tenant=" + tenantId)).body())
                .contains(request.reference());

        ApiClient.Reply again = operator.post(path(request, "approve"), Map.of("tenantName", unique("Zweiter")));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("detail").asString())
                .isEqualTo("request " + request.reference() + " was decided already (APPROVED by "
                        + approved.get("decidedBy").asString() + "); nothing was changed");
        assertThat(notices.about(request.reference())).hasSize(1);
    }

    @Test
    void aDomainTakenMeanwhileRefusesTheApprovalAndChangesNothing() {
        String domain = unique("gemeinde") + ".example";
        String authority = unique("Gemeinde Spät");
        AuthorityRegistration request = submit(authority, "post." + domain, domain);
        createMailDomain(createTenant(unique("Schneller")), domain, "mx.schnell.example");

        ApiClient.Reply refused = operator.post(path(request, "approve"), null);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("detail").asString()).isEqualTo("domain " + domain + " is served already");
        assertThat(registrations.find(request.id()).orElseThrow().state()).isEqualTo(AuthorityRegistration.State.OPEN);
        assertThat(texts(ok(operator.get("/api/v1/tenants")).json(), "name")).doesNotContain(authority);
        assertThat(operator.get("/api/v1/domains/post." + domain).status()).isEqualTo(404);
        assertThat(notices.about(request.reference())).isEmpty();
    }

    @Test
    void aRejectionNeedsAReasonWhichTheRequesterIsTold() {
        String domain = unique("zweckverband") + ".example";
        AuthorityRegistration request = submit(unique("Zweckverband"), domain);

        assertThat(operator.post(path(request, "reject"), Map.of("reason", " ")).status()).isEqualTo(400);
        JsonNode rejected = ok(operator.post(path(request, "reject"),
                Map.of("reason", "Bitte über das Landratsamt beantragen."))).json();

        assertThat(rejected.get("state").asString()).isEqualTo("REJECTED");
        assertThat(rejected.get("reason").asString()).isEqualTo("Bitte über das Landratsamt beantragen.");
        assertThat(notices.about(request.reference())).containsExactly("rejected " + request.reference()
                + " because Bitte über das Landratsamt beantragen. to it@" + domain);
        assertThat(operator.post(path(request, "approve"), null).status()).isEqualTo(409);
        assertThat(operator.get("/api/v1/domains/" + domain).status()).isEqualTo(404);
    }

    @Test
    void tenantAdminsCannotSeeOrDecideRequests() {
        AuthorityRegistration request = submit(unique("Stadt Geheim"), unique("geheim") + ".example");
        long tenant = createTenant(unique("Amt"));
        ApiClient.Session admin = createAdmin(tenant, unique("admin"), Role.values());

        assertThat(admin.get("/api/v1/registrations").status()).isEqualTo(403);
        assertThat(admin.post(path(request, "approve"), null).status()).isEqualTo(403);
        assertThat(admin.post(path(request, "reject"), Map.of("reason", "nein")).status()).isEqualTo(403);
        assertThat(registrations.find(request.id()).orElseThrow().open()).isTrue();
        assertThat(texts(ok(operator.get("/api/v1/registrations")).json(), "reference")).contains(request.reference());
    }

    private AuthorityRegistration submit(String authority, String... domains) {
        return registrations.submit(new AuthorityRegistration.Request(authority, "Frau Antrag", "it@" + domains[0],
                "", List.of(domains), "mx." + domains[0], ""), unique("SMGW"), clock.instant());
    }

    private static String path(AuthorityRegistration request, String decision) {
        return "/api/v1/registrations/" + request.id() + "/" + decision;
    }

    private static List<String> texts(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false).map(node -> node.get(field).asString()).toList();
    }
}
