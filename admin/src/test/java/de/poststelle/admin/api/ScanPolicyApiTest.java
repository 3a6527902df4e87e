package de.poststelle.admin.api;

import de.poststelle.core.tenant.Role;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A tenant's virus scan policy: who may change which part, what is refused, what is logged. */
class ScanPolicyApiTest extends ApiTestBase {

    @Test
    void aTenantStartsFailClosedTellingTheSenderAndItsTechnicalAdminChoosesWhoIsAlerted() {
        long tenant = createTenant(unique("Amt"));
        ApiClient.Session technical = createAdmin(tenant, unique("technik"), Role.TECHNICAL_ADMIN);
        String path = "/api/v1/tenants/" + tenant + "/scan-policy";
        assertThat(ok(technical.get(path)).json().toString())
                .isEqualTo("{\"failOpen\":false,\"notifySender\":true,\"alertRecipients\":[]}");

        ok(technical.put(path, Map.of("failOpen", false, "notifySender", false,
                "alertRecipients", List.of("IT-Sicherheit@Amt.example", "leitstelle@amt.example"))));

        assertThat(ok(technical.get(path)).json().toString()).isEqualTo(
                "{\"failOpen\":false,\"notifySender\":false,\"alertRecipients\":[\"IT-Sicherheit@amt.example\",\"leitstelle@amt.example\"]}");
        assertThat(ok(operator.get("/api/v1/audit?action=scan-policy.update")).body())
                .contains("before: fail-closed, sender told, alerts to nobody",
                        "after: fail-closed, sender not told, alerts to IT-Sicherheit@amt.example, leitstelle@amt.example");
    }

    @Test
    void onlyAnOperatorSwitchesFailOpen() {
        long tenant = createTenant(unique("Amt"));
        ApiClient.Session technical = createAdmin(tenant, unique("technik"), Role.TECHNICAL_ADMIN);
        String path = "/api/v1/tenants/" + tenant + "/scan-policy";
        Map<String, Object> failOpen = Map.of("failOpen", true, "notifySender", true, "alertRecipients", List.of());

        assertThat(technical.put(path, failOpen).status()).isEqualTo(403);
        assertThat(ok(operator.get(path)).json().get("failOpen").asBoolean()).isFalse();

        ok(operator.put(path, failOpen));
        assertThat(ok(technical.get(path)).json().get("failOpen").asBoolean()).isTrue();
        assertThat(ok(operator.get("/api/v1/audit?action=scan-policy.update")).body()).contains("after: FAIL-OPEN");
    }

    @Test
    void otherRolesReadButDoNotChangeAndBadAddressesAreRefused() {
        long tenant = createTenant(unique("Amt"));
        ApiClient.Session accounts = createAdmin(tenant, unique("konten"), Role.ACCOUNT_ADMIN);
        String path = "/api/v1/tenants/" + tenant + "/scan-policy";
        assertThat(accounts.get(path).status()).isEqualTo(200);
        assertThat(accounts.put(path, Map.of("failOpen", false, "notifySender", false, "alertRecipients", List.of()))
                .status()).isEqualTo(403);

        ApiClient.Reply invalid = operator.put(path, Map.of("failOpen", false, "notifySender", true,
                "alertRecipients", List.of("keine-adresse")));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("detail").asString()).contains("keine-adresse");
        assertThat(ok(operator.get(path)).json().get("notifySender").asBoolean()).isTrue();
    }
}
