package de.poststelle.admin.api;

import de.poststelle.core.tenant.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The operator's gateway-wide settings: who reads and changes them, what is refused, what is logged. */
class OperatorSettingsApiTest extends ApiTestBase {

    private static final Map<String, Object> NO_SETTINGS = Map.of("currentTermsVersion", "",
            "supportContact", Map.of());

    /** The settings are gateway-wide and all tests share one database: leave them as found. */
    @AfterEach
    void clearSettings() {
        ok(operator.put("/api/v1/settings", NO_SETTINGS));
    }

    @Test
    void theOperatorSetsTheSettingsEveryAdminReadsThemAndTheChangeIsAudited() {
        String cluster = unique("standard");
        ok(operator.put("/api/v1/clusters/" + cluster, Map.of("description", "Standard")));
        Map<String, Object> settings = Map.of("currentTermsVersion", "2026-1", "defaultCluster", cluster,
                "supportContact", Map.of("name", "Service-Desk", "email", "servicedesk@itsp.example",
                        "phone", "0351 999"));

        ApiClient.Reply saved = ok(operator.put("/api/v1/settings", settings));

        long tenant = createTenant(unique("Amt"));
        ApiClient.Session tenantAdmin = createAdmin(tenant, unique("nutzer"), Role.USER_ADMIN);
        ApiClient.Reply read = ok(tenantAdmin.get("/api/v1/settings"));
        assertThat(read.json()).isEqualTo(saved.json());
        assertThat(read.json().get("supportContact").get("email").asString()).isEqualTo("servicedesk@itsp.example");
        assertThat(read.json().get("currentTermsVersion").asString()).isEqualTo("2026-1");
        assertThat(ok(operator.get("/api/v1/audit?action=settings.update&actor=" + operatorName())).body())
                .contains("after: terms version 2026-1", "servicedesk@itsp.example", cluster);

        assertThat(operator.delete("/api/v1/clusters/" + cluster).status())
                .as("the default cluster cannot be deleted").isEqualTo(409);
    }

    @Test
    void aDomainCreatedWithoutAClusterRunsInTheDefaultCluster() {
        String cluster = unique("standard");
        ok(operator.put("/api/v1/clusters/" + cluster, Map.of("description", "Standard")));
        ok(operator.put("/api/v1/settings", Map.of("defaultCluster", cluster, "supportContact", Map.of())));
        long tenant = createTenant(unique("Amt"));
        String domain = unique("amt") + ".example";

        createDemailDomain(tenant, domain);

        assertThat(ok(operator.get("/api/v1/domains/" + domain)).json().get("operatorSettings").get("cluster").asString())
                .isEqualTo(cluster);
    }

    @Test
    void aTenantAdminMayNotChangeTheSettings() {
        long tenant = createTenant(unique("Amt"));
        ApiClient.Session tenantAdmin = createAdmin(tenant, unique("alles"), Role.values());

        ApiClient.Reply refused = tenantAdmin.put("/api/v1/settings",
                Map.of("currentTermsVersion", "gekapert", "supportContact", Map.of("name", "Falscher Desk")));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(ok(operator.get("/api/v1/settings")).body()).doesNotContain("gekapert", "Falscher Desk");
    }

    @Test
    void invalidSettingsAreRefusedWithAReasonAndChangeNothing() {
        ApiClient.Reply unknownCluster = operator.put("/api/v1/settings",
                Map.of("defaultCluster", "gibt-es-nicht", "supportContact", Map.of()));
        assertThat(unknownCluster.status()).isEqualTo(400);
        assertThat(unknownCluster.json().get("detail").asString()).isEqualTo("no gateway cluster named gibt-es-nicht");

        ApiClient.Reply badVersion = operator.put("/api/v1/settings",
                Map.of("currentTermsVersion", "Version 1", "supportContact", Map.of("email", "kein-mail")));
        assertThat(badVersion.status()).isEqualTo(400);
        assertThat(badVersion.body()).contains("currentTermsVersion", "supportContact.email");

        assertThat(ok(operator.get("/api/v1/settings")).json().get("defaultCluster").isNull()).isTrue();
        assertThat(ok(operator.get("/api/v1/audit?action=settings.update&text=gibt-es-nicht")).json()).isEmpty();
    }

    private String operatorName() {
        return ok(operator.get("/api/v1/me")).json().get("username").asString();
    }
}
