package de.poststelle.admin.api;

import de.poststelle.core.tenant.Role;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The encryption policy through the API: who may change it, what is refused, what is logged and explained. */
class PolicyApiTest extends ApiTestBase {

    @Test
    void theTechnicalAdminSetsRulesAndTriggersOthersOnlyReadAndEveryChangeIsAudited() {
        long tenant = createTenant(unique("Amt"));
        String domain = unique("amt") + ".example";
        createMailDomain(tenant, domain, "mx." + domain);
        String technician = unique("technik");
        ApiClient.Session technical = createAdmin(tenant, technician, Role.TECHNICAL_ADMIN);
        ApiClient.Session accounts = createAdmin(tenant, unique("konten"), Role.ACCOUNT_ADMIN);
        String path = "/api/v1/tenants/" + tenant + "/encryption-policy";

        ok(technical.put(path + "/rules", Map.of("level", "RECIPIENT_DOMAIN", "match", "Partner.example",
                "encryption", "MANDATORY", "sign", true)));
        ok(technical.put(path + "/rules", Map.of("level", "SENDER", "match", "amt@" + domain, "encryption", "OFF")));
        ok(technical.put(path + "/settings", Map.of("subjectTrigger", "[vertraulich]", "headerTrigger", "X-Encrypt",
                "signatureHeader", true, "subjectTag", true, "subjectTagText", "[geprüft]")));

        ApiClient.Reply policy = ok(accounts.get(path));
        assertThat(policy.json().get("settings").get("subjectTrigger").asString()).isEqualTo("[vertraulich]");
        assertThat(policy.json().get("rules").get(0).get("match").asString()).as("most specific first, lower case")
                .isEqualTo("partner.example");
        assertThat(accounts.put(path + "/rules", Map.of("level", "TENANT", "match", "", "encryption", "OFF")).status())
                .as("needs the technical admin").isEqualTo(403);

        ApiClient.Reply explained = ok(accounts.get(path + "/explain?sender=amt@" + domain + "&recipient=bob@partner.example"));
        assertThat(explained.json().get("outcome").asString()).isEqualTo("HOLD");
        assertThat(explained.json().get("decidedBy").asString()).isEqualTo("RECIPIENT_DOMAIN");
        assertThat(explained.json().get("decidedByMatch").asString()).isEqualTo("partner.example");

        assertThat(technical.delete(path + "/rules/RECIPIENT_DOMAIN?match=partner.example").status()).isEqualTo(204);
        assertThat(technical.delete(path + "/rules/RECIPIENT_DOMAIN?match=partner.example").status()).isEqualTo(404);
        assertThat(ok(operator.get("/api/v1/audit?actor=" + technician)).body())
                .contains("encryption-policy.rule.save", "encryption-policy.settings", "encryption-policy.rule.remove",
                        "[vertraulich]");
    }

    @Test
    void invalidRulesAndSettingsAreRefusedWithTheReason() {
        long tenant = createTenant(unique("Amt"));
        String path = "/api/v1/tenants/" + tenant + "/encryption-policy";

        ApiClient.Reply notAnAddress = operator.put(path + "/rules", Map.of("level", "SENDER", "match", "amt.example"));
        ApiClient.Reply foreignSender = operator.put(path + "/rules",
                Map.of("level", "SENDER_DOMAIN", "match", "fremd.example", "encryption", "OFF"));
        ApiClient.Reply badTrigger = operator.put(path + "/settings", Map.of("subjectTrigger", "", "headerTrigger",
                "Kein Header", "signatureHeader", true, "subjectTag", false, "subjectTagText", ""));

        assertThat(notAnAddress.status()).isEqualTo(400);
        assertThat(notAnAddress.body()).contains("not a mail address: amt.example");
        assertThat(foreignSender.status()).isEqualTo(400);
        assertThat(foreignSender.body()).contains("fremd.example is not one of the tenant's domains");
        assertThat(badTrigger.status()).isEqualTo(400);
        assertThat(badTrigger.body()).contains("not a header field name");
    }
}
