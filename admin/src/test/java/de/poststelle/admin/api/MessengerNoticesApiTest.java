package de.poststelle.admin.api;

import de.poststelle.core.tenant.Role;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A tenant's wording of the Messenger notices over the API: who may change it, what is refused, what is logged. */
class MessengerNoticesApiTest extends ApiTestBase {

    @Test
    void theTechnicalAdminSetsTextsPerNoticeAndLanguageAndAnEmptyListRestoresTheBuiltInOnes() {
        long tenant = createTenant(unique("Amt"));
        ApiClient.Session technical = createAdmin(tenant, unique("technik"), Role.TECHNICAL_ADMIN);
        String path = "/api/v1/tenants/" + tenant + "/messenger-notices";
        assertThat(ok(technical.get(path)).json().get("texts").toString()).isEqualTo("["
                + "{\"kind\":\"ACTIVATION\",\"language\":\"DE\",\"subject\":\"\",\"body\":\"\"},"
                + "{\"kind\":\"ACTIVATION\",\"language\":\"EN\",\"subject\":\"\",\"body\":\"\"},"
                + "{\"kind\":\"NEW_MESSAGE\",\"language\":\"DE\",\"subject\":\"\",\"body\":\"\"},"
                + "{\"kind\":\"NEW_MESSAGE\",\"language\":\"EN\",\"subject\":\"\",\"body\":\"\"}]");

        ok(technical.put(path, Map.of("texts", List.of(
                Map.of("kind", "ACTIVATION", "language", "DE", "subject", "Post vom Bürgeramt",
                        "body", "Öffnen Sie {link} bis {gueltig_bis}. Fragen: 0351 123"),
                Map.of("kind", "NEW_MESSAGE", "language", "EN", "body", "New mail from {absender}: {link}")))));

        assertThat(ok(technical.get(path)).json().get("texts").toString()).contains(
                "{\"kind\":\"ACTIVATION\",\"language\":\"DE\",\"subject\":\"Post vom Bürgeramt\",\"body\":\"Öffnen Sie {link} bis {gueltig_bis}. Fragen: 0351 123\"}",
                "{\"kind\":\"NEW_MESSAGE\",\"language\":\"EN\",\"subject\":\"\",\"body\":\"New mail from {absender}: {link}\"}",
                "{\"kind\":\"ACTIVATION\",\"language\":\"EN\",\"subject\":\"\",\"body\":\"\"}");

        ok(technical.put(path, Map.of("texts", List.of())));
        assertThat(ok(technical.get(path)).json().get("texts").toString()).doesNotContain("Bürgeramt");
        assertThat(ok(operator.get("/api/v1/audit?action=messenger-notices.update")).body())
                .contains("after: own texts for activation DE subject body, new-message EN body", "after: built-in texts");
    }

    @Test
    void otherRolesOnlyReadAndBrokenTextsAreRefusedWithTheReason() {
        long tenant = createTenant(unique("Amt"));
        ApiClient.Session accounts = createAdmin(tenant, unique("konten"), Role.ACCOUNT_ADMIN);
        String path = "/api/v1/tenants/" + tenant + "/messenger-notices";
        Map<String, Object> fine = Map.of("texts", List.of(Map.of("kind", "NEW_MESSAGE", "language", "DE", "body", "{link}")));
        assertThat(accounts.get(path).status()).isEqualTo(200);
        assertThat(accounts.put(path, fine).status()).isEqualTo(403);

        ApiClient.Reply unknown = operator.put(path, Map.of("texts", List.of(
                Map.of("kind", "NEW_MESSAGE", "language", "EN", "body", "Dear {name}, see {link}"))));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("detail").asString())
                .isEqualTo("new-message notice, EN body: unknown placeholder {name}; allowed: {absender}, {betreff}, {link}");
        ApiClient.Reply noLink = operator.put(path, Map.of("texts", List.of(
                Map.of("kind", "ACTIVATION", "language", "DE", "body", "Bitte rufen Sie uns an."))));
        assertThat(noLink.status()).isEqualTo(400);
        assertThat(noLink.json().get("detail").asString()).contains("must contain {link}");
        ApiClient.Reply injected = operator.put(path, Map.of("texts", List.of(
                Map.of("kind", "ACTIVATION", "language", "DE", "subject", "Post\r\nBcc: alle@extern.example"))));
        assertThat(injected.status()).isEqualTo(400);
        assertThat(injected.json().get("detail").asString()).contains("the subject must be one line");
        assertThat(ok(operator.get(path)).json().get("texts").toString()).doesNotContain("{name}", "Bcc");
    }
}
