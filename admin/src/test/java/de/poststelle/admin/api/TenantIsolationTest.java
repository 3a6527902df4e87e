package de.poststelle.admin.api;

import de.poststelle.admin.testapp.QueuedMails;
import de.poststelle.admin.testapp.TestKeys;
import de.poststelle.core.MailAddress;
import de.poststelle.core.tenant.Role;
import de.poststelle.core.tenant.AuthorityRegistration;
import de.poststelle.core.trace.DemailDispatch;
import de.poststelle.store.tenant.AuthorityRegistrationRepository;
import de.poststelle.store.tenant.DemailTraceRepository;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.util.UriTemplate;

import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An admin of tenant A holding all three tenant roles tries every endpoint of the API against
 * tenant B: B's tenant id, domains, mapping, admin, delegation and change request. Nothing may
 * succeed, no answer may carry anything of B's, and B is unchanged afterwards.
 *
 * <p>The endpoints come from Spring's handler mapping, not from a list kept by hand: a new
 * endpoint without a case here fails {@link #everyEndpointHasACase()}.
 */
class TenantIsolationTest extends ApiTestBase {

    /** Own-view endpoints answer 200 with the caller's own data; everything else must refuse. */
    private static final int OWN_VIEW = 200;

    /** What tenant B holds; {@code secrets} are values an attacker never sends, so they must never come back. */
    record World(long tenantA, long tenantB, String cluster, String adminA, String adminB, String domainB,
                 String demailB, String mappedEmailB, long delegationB, long requestB, String queueIdB,
                 String demailMessageIdB, long keyB, long registration, Set<String> secrets) {
    }

    /** One request of the attacker against one endpoint, and the status it must get. */
    record Case(String method, String pattern, Map<String, ?> variables, String query, Object body, int expected) {

        String endpoint() {
            return method + " " + pattern;
        }

        String path() {
            return new UriTemplate(pattern).expand(variables) + query;
        }
    }

    @Test
    void everyEndpointHasACase() {
        Set<String> endpoints = apiEndpoints();
        Set<String> covered = cases(placeholderWorld()).stream().map(Case::endpoint)
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(endpoints).as("endpoints under /api/v1").isNotEmpty();
        assertThat(covered).as("endpoints with an isolation case; add a case for every new endpoint")
                .containsExactlyInAnyOrderElementsOf(endpoints);
    }

    @Test
    void anAdminOfOneTenantCannotReadOrChangeAnotherTenantThroughAnyEndpoint() throws Exception {
        World world = buildWorld();
        ApiClient.Session attacker = api.as(world.adminA(), passwordOfA);
        String before = snapshotOfB(world);
        assertThat(before).as("B's data as the operator sees it").contains(world.secrets());

        SoftAssertions softly = new SoftAssertions();
        for (Case attempt : cases(world)) {
            ApiClient.Reply reply = attacker.send(attempt.method(), attempt.path(), attempt.body());
            String what = attempt.method() + " " + attempt.path() + " -> " + reply;
            softly.assertThat(reply.status()).as(what).isEqualTo(attempt.expected());
            for (String secret : world.secrets()) {
                softly.assertThat(reply.body()).as(what).doesNotContain(secret);
            }
        }
        softly.assertAll();

        assertThat(snapshotOfB(world)).as("B's data after the attempts").isEqualTo(before);
        assertThat(api.as(world.adminB(), passwordOfB).get("/api/v1/me").status())
                .as("B's admin still logs in with the old password").isEqualTo(200);
    }

    private static List<Case> cases(World w) {
        Map<String, Object> b = Map.of("tenantId", w.tenantB());
        Map<String, Object> a = Map.of("tenantId", w.tenantA());
        String newDomain = "neu." + w.domainB();
        return List.of(
                new Case("GET", "/api/v1/me", Map.of(), "", null, OWN_VIEW),
                new Case("GET", "/api/v1/me/delegations", Map.of(), "", null, OWN_VIEW),
                new Case("PUT", "/api/v1/me/password", Map.of(), "",
                        Map.of("currentPassword", "not-my-password", "newPassword", "a-new-password-1"), 400),

                new Case("GET", "/api/v1/clusters", Map.of(), "", null, 403),
                new Case("PUT", "/api/v1/clusters/{name}", Map.of("name", w.cluster()), "",
                        Map.of("description", "gekapert"), 403),
                new Case("DELETE", "/api/v1/clusters/{name}", Map.of("name", w.cluster()), "", null, 403),

                // gateway-wide, nothing of any tenant in it: every admin reads, only operators change
                new Case("GET", "/api/v1/settings", Map.of(), "", null, OWN_VIEW),
                new Case("PUT", "/api/v1/settings", Map.of(), "",
                        Map.of("currentTermsVersion", "gekapert", "supportContact", Map.of()), 403),

                new Case("GET", "/api/v1/tenants", Map.of(), "", null, OWN_VIEW),
                new Case("POST", "/api/v1/tenants", Map.of(), "", Map.of("name", "Neues Amt", "contact", Map.of()), 403),
                new Case("GET", "/api/v1/tenants/{tenantId}", b, "", null, 404),
                new Case("PUT", "/api/v1/tenants/{tenantId}", b, "",
                        Map.of("name", "Übernommen", "contact", Map.of()), 404),
                new Case("DELETE", "/api/v1/tenants/{tenantId}", b, "", null, 404),
                new Case("PUT", "/api/v1/tenants/{tenantId}/terms", b, "", Map.of("version", "1.0"), 404),
                new Case("GET", "/api/v1/tenants/{tenantId}/scan-policy", b, "", null, 404),
                new Case("PUT", "/api/v1/tenants/{tenantId}/scan-policy", b, "", Map.of("failOpen", false,
                        "notifySender", false, "alertRecipients", List.of("spion@extern.example")), 404),
                new Case("GET", "/api/v1/tenants/{tenantId}/messenger-notices", b, "", null, 404),
                new Case("PUT", "/api/v1/tenants/{tenantId}/messenger-notices", b, "", Map.of("texts", List.of(
                        Map.of("kind", "ACTIVATION", "language", "DE", "body", "Übernommen: {link}"))), 404),

                new Case("GET", "/api/v1/tenants/{tenantId}/domains", b, "", null, 404),
                new Case("POST", "/api/v1/tenants/{tenantId}/domains", b, "", demailDomain(newDomain), 404),
                new Case("GET", "/api/v1/domains/{name}", Map.of("name", w.domainB()), "", null, 404),
                new Case("PUT", "/api/v1/domains/{name}/operator-settings", Map.of("name", w.domainB()), "",
                        Map.of("kind", "MAIL", "direction", "SEND_AND_RECEIVE", "allowedSenders", List.of("0.0.0.0/0")),
                        404),
                new Case("PUT", "/api/v1/domains/{name}/delivery-settings", Map.of("name", w.domainB()), "",
                        Map.of("receivingServer", Map.of("host", "evil.example", "port", 25, "tls", "NONE"),
                                "unmappedPolicy", "BOUNCE_ALL"), 404),
                new Case("DELETE", "/api/v1/domains/{name}", Map.of("name", w.domainB()), "", null, 404),

                new Case("GET", "/api/v1/tenants/{tenantId}/mappings", b, "", null, 404),
                new Case("POST", "/api/v1/tenants/{tenantId}/mappings", b, "",
                        Map.of("email", "neu@" + w.domainB(), "demail", "neu@" + w.demailB()), 404),
                // B's addresses through A's own tenant
                new Case("POST", "/api/v1/tenants/{tenantId}/mappings", a, "",
                        Map.of("email", "neu@" + w.domainB(), "demail", "neu@" + w.demailB()), 400),
                new Case("DELETE", "/api/v1/tenants/{tenantId}/mappings/{email}",
                        with(b, "email", w.mappedEmailB()), "", null, 404),
                new Case("DELETE", "/api/v1/tenants/{tenantId}/mappings/{email}",
                        with(a, "email", w.mappedEmailB()), "", null, 404),
                new Case("GET", "/api/v1/tenants/{tenantId}/mappings/export", b, "", null, 404),
                new Case("POST", "/api/v1/tenants/{tenantId}/mappings/import", b, "?mode=REPLACE",
                        "email;demail\n", 404),
                // B's addresses through A's own tenant: refused line by line, nothing applied
                new Case("POST", "/api/v1/tenants/{tenantId}/mappings/import", a, "",
                        "email;demail\nneu@" + w.domainB() + ";neu@" + w.demailB() + "\n", 422),

                new Case("GET", "/api/v1/tenants/{tenantId}/encryption-policy", b, "", null, 404),
                new Case("PUT", "/api/v1/tenants/{tenantId}/encryption-policy/settings", b, "",
                        Map.of("subjectTrigger", "", "headerTrigger", "", "signatureHeader", false, "subjectTag", false,
                                "subjectTagText", ""), 404),
                new Case("PUT", "/api/v1/tenants/{tenantId}/encryption-policy/rules", b, "",
                        Map.of("level", "TENANT", "match", "", "encryption", "OFF"), 404),
                // a rule about B's senders through A's own tenant
                new Case("PUT", "/api/v1/tenants/{tenantId}/encryption-policy/rules", a, "",
                        Map.of("level", "SENDER_DOMAIN", "match", w.domainB(), "encryption", "OFF"), 400),
                new Case("DELETE", "/api/v1/tenants/{tenantId}/encryption-policy/rules/{level}",
                        with(b, "level", "TENANT"), "", null, 404),
                new Case("GET", "/api/v1/tenants/{tenantId}/encryption-policy/explain", b,
                        "?sender=a@" + w.domainB() + "&recipient=x@partner.example", null, 404),

                new Case("GET", "/api/v1/queue", Map.of(), "", null, 403),
                new Case("GET", "/api/v1/queue", Map.of(), "?tenant=" + w.tenantB(), null, 404),
                new Case("GET", "/api/v1/queue/{queueId}", Map.of("queueId", w.queueIdB()), "?tenant=" + w.tenantB(),
                        null, 404),
                // B's mail through A's own tenant looks as if it did not exist
                new Case("GET", "/api/v1/queue/{queueId}", Map.of("queueId", w.queueIdB()), "?tenant=" + w.tenantA(),
                        null, 404),
                new Case("POST", "/api/v1/queue/{queueId}/retry", Map.of("queueId", w.queueIdB()),
                        "?tenant=" + w.tenantA(), null, 404),
                new Case("DELETE", "/api/v1/queue/{queueId}", Map.of("queueId", w.queueIdB()),
                        "?tenant=" + w.tenantA(), null, 404),
                new Case("DELETE", "/api/v1/queue/{queueId}", Map.of("queueId", w.queueIdB()), "", null, 403),
                new Case("POST", "/api/v1/queue/{queueId}/release", Map.of("queueId", w.queueIdB()),
                        "?tenant=" + w.tenantA(), null, 404),
                new Case("GET", "/api/v1/queue/{queueId}/content", Map.of("queueId", w.queueIdB()),
                        "?tenant=" + w.tenantA(), null, 404),
                new Case("GET", "/api/v1/queue/{queueId}/content", Map.of("queueId", w.queueIdB()),
                        "?tenant=" + w.tenantB(), null, 404),
                new Case("GET", "/api/v1/clusters/nodes", Map.of(), "", null, 403),
                new Case("GET", "/api/v1/tenants/{tenantId}/demail-trace", b, "?queueId=" + w.queueIdB(), null, 404),
                // B's De-Mail through A's own tenant looks as if it did not exist
                new Case("GET", "/api/v1/tenants/{tenantId}/demail-trace", a, "?queueId=" + w.queueIdB(), null, 404),
                new Case("GET", "/api/v1/tenants/{tenantId}/demail-trace", a, "?messageId=" + w.demailMessageIdB().replaceAll("[<>]", ""),
                        null, 404),

                new Case("GET", "/api/v1/admins", Map.of(), "", null, 403),
                new Case("POST", "/api/v1/operators", Map.of(), "", Map.of("username", "evil-operator"), 403),
                new Case("GET", "/api/v1/tenants/{tenantId}/admins", b, "", null, 404),
                new Case("POST", "/api/v1/tenants/{tenantId}/admins", b, "",
                        Map.of("username", "evil-admin", "roles", List.of("USER_ADMIN")), 404),
                new Case("PUT", "/api/v1/tenants/{tenantId}/admins/{username}/roles/{role}",
                        with(with(b, "username", w.adminA()), "role", "USER_ADMIN"), "", null, 404),
                new Case("DELETE", "/api/v1/tenants/{tenantId}/admins/{username}/roles/{role}",
                        with(with(b, "username", w.adminB()), "role", "USER_ADMIN"), "", null, 404),
                new Case("DELETE", "/api/v1/tenants/{tenantId}/admins/{username}/roles/{role}",
                        with(with(a, "username", w.adminB()), "role", "USER_ADMIN"), "", null, 404),
                new Case("POST", "/api/v1/tenants/{tenantId}/admins/{username}/password-reset",
                        with(b, "username", w.adminB()), "", null, 404),
                // B's admin through A's own tenant
                new Case("POST", "/api/v1/tenants/{tenantId}/admins/{username}/password-reset",
                        with(a, "username", w.adminB()), "", null, 403),

                new Case("GET", "/api/v1/tenants/{tenantId}/delegations", b, "", null, 404),
                new Case("POST", "/api/v1/tenants/{tenantId}/delegations", b, "",
                        Map.of("grantee", w.adminA(), "roles", List.of("USER_ADMIN")), 404),
                new Case("DELETE", "/api/v1/tenants/{tenantId}/delegations/{delegationId}",
                        with(b, "delegationId", w.delegationB()), "", null, 404),
                new Case("DELETE", "/api/v1/tenants/{tenantId}/delegations/{delegationId}",
                        with(a, "delegationId", w.delegationB()), "", null, 404),

                new Case("GET", "/api/v1/change-requests", Map.of(), "", null, OWN_VIEW),
                new Case("POST", "/api/v1/change-requests", Map.of(), "",
                        Map.of("tenantId", w.tenantB(), "scenario", "NEW_MAILBOX", "description", "untergeschoben"), 404),
                new Case("GET", "/api/v1/change-requests/{id}", Map.of("id", w.requestB()), "", null, 404),
                new Case("PUT", "/api/v1/change-requests/{id}/state", Map.of("id", w.requestB()), "",
                        Map.of("state", "REJECTED"), 404),

                // authorities' registration requests: operators only
                new Case("GET", "/api/v1/registrations", Map.of(), "", null, 403),
                new Case("POST", "/api/v1/registrations/{id}/approve", Map.of("id", w.registration()), "",
                        Map.of("tenantName", "Gekapert"), 403),
                new Case("POST", "/api/v1/registrations/{id}/reject", Map.of("id", w.registration()), "",
                        Map.of("reason", "gekapert"), 403),

                new Case("GET", "/api/v1/audit", Map.of(), "", null, OWN_VIEW),
                new Case("GET", "/api/v1/audit", Map.of(), "?tenant=" + w.tenantB(), null, OWN_VIEW),

                new Case("GET", "/api/v1/tenants/{tenantId}/keys", b, "", null, 404),
                new Case("POST", "/api/v1/tenants/{tenantId}/keys", b, "",
                        Map.of("type", "CA_BUNDLE", "content", "AAAA"), 404),
                new Case("POST", "/api/v1/tenants/{tenantId}/keys", b, "",
                        Map.of("type", "PGP_SECRET_KEY", "content", "AAAA", "password", "x"), 404),
                new Case("POST", "/api/v1/tenants/{tenantId}/keys/generate", b, "",
                        Map.of("algorithm", "EC_P256", "commonName", "Untergeschoben"), 404),
                new Case("GET", "/api/v1/tenants/{tenantId}/keys/{keyId}", with(b, "keyId", w.keyB()), "", null, 404),
                // B's key through A's own tenant looks as if it did not exist
                new Case("GET", "/api/v1/tenants/{tenantId}/keys/{keyId}", with(a, "keyId", w.keyB()), "", null, 404),
                new Case("GET", "/api/v1/tenants/{tenantId}/keys/{keyId}/csr", with(a, "keyId", w.keyB()), "", null,
                        404),
                new Case("PUT", "/api/v1/tenants/{tenantId}/keys/{keyId}/certificate", with(a, "keyId", w.keyB()), "",
                        Map.of("content", "AAAA"), 404),
                new Case("PUT", "/api/v1/tenants/{tenantId}/keys/{keyId}/approval", with(b, "keyId", w.keyB()), "",
                        Map.of("decision", "APPROVED"), 404),
                new Case("PUT", "/api/v1/tenants/{tenantId}/keys/{keyId}/approval", with(a, "keyId", w.keyB()), "",
                        Map.of("decision", "APPROVED"), 404),
                new Case("POST", "/api/v1/tenants/{tenantId}/keys/{keyId}/revoke", with(b, "keyId", w.keyB()), "",
                        null, 404),
                new Case("POST", "/api/v1/tenants/{tenantId}/keys/{keyId}/revoke", with(a, "keyId", w.keyB()), "",
                        null, 404),
                new Case("GET", "/api/v1/tenants/{tenantId}/keys/{keyId}/public", with(a, "keyId", w.keyB()), "",
                        null, 404));
    }

    @Autowired
    DemailTraceRepository demailTraces;
    @Autowired
    AuthorityRegistrationRepository registrations;

    private String passwordOfA;
    private String passwordOfB;

    private World buildWorld() throws Exception {
        String cluster = unique("cluster");
        ok(operator.put("/api/v1/clusters/" + cluster, Map.of("description", "Cluster")));
        long tenantA = createTenant(unique("Amt A"));
        String nameB = unique("Geheimamt B");
        String contactB = unique("Frau Verschwiegen");
        String contactMailB = unique("vertraulich") + "@b.example";
        long tenantB = created(operator.post("/api/v1/tenants", Map.of("name", nameB,
                "contact", Map.of("name", contactB, "email", contactMailB, "phone", "0351 4711")))).id();

        String domainA = unique("a") + ".example";
        createMailDomain(tenantA, domainA, "mx." + domainA);
        createDemailDomain(tenantA, unique("a") + ".demail.example");
        String domainB = unique("b") + ".example";
        String demailB = unique("b") + ".demail.example";
        String hiddenHost = unique("verborgen") + ".b.example";
        String catchAll = unique("sammelpostfach") + "@" + domainB;
        created(operator.post("/api/v1/tenants/" + tenantB + "/domains", Map.of("name", domainB,
                "operatorSettings", Map.of("kind", "MAIL", "direction", "SEND_AND_RECEIVE",
                        "cluster", cluster, "allowedSenders", List.of("198.51.100.64/26")),
                "deliverySettings", Map.of("receivingServer", Map.of("host", hiddenHost, "port", 2525, "tls", "NONE"),
                        "unmappedPolicy", "BOUNCE_ALL"))));
        created(operator.post("/api/v1/tenants/" + tenantB + "/domains", Map.of("name", demailB,
                "operatorSettings", Map.of("kind", "DEMAIL", "direction", "RECEIVE_ONLY", "allowedSenders", List.of()),
                "deliverySettings", Map.of("unmappedPolicy", "CATCH_ALL", "catchAllMailbox", catchAll))));

        String adminA = unique("admin-a");
        passwordOfA = initialPassword(createAdminReply(tenantA, adminA, Role.values()));
        String adminB = unique("admin-b");
        passwordOfB = initialPassword(createAdminReply(tenantB, adminB, Role.USER_ADMIN, Role.ACCOUNT_ADMIN));
        ApiClient.Session b = api.as(adminB, passwordOfB);

        String mappedEmail = unique("person") + "@" + domainB;
        String mappedDemail = unique("geheimpostfach") + "@" + demailB;
        created(b.post("/api/v1/tenants/" + tenantB + "/mappings", Map.of("email", mappedEmail, "demail", mappedDemail)));
        String termsB = unique("geheim");
        ok(b.put("/api/v1/tenants/" + tenantB + "/terms", Map.of("version", termsB)));

        long partnerTenant = createTenant(unique("Dienstleister"));
        String partner = unique("partner");
        createAdmin(partnerTenant, partner, Role.USER_ADMIN);
        long delegation = created(b.post("/api/v1/tenants/" + tenantB + "/delegations",
                Map.of("grantee", partner, "roles", List.of("ACCOUNT_ADMIN")))).id();
        String description = unique("Geheimer Antrag");
        long request = created(b.post("/api/v1/change-requests", Map.of("tenantId", tenantB,
                "scenario", "NEW_MAILBOX", "description", description))).id();

        String keyOwnerB = unique("Geheimer Schlüsselinhaber");
        long keyB = created(operator.post("/api/v1/tenants/" + tenantB + "/keys", Map.of("type", "PGP_PUBLIC_KEY",
                "content", Base64.getEncoder().encodeToString(
                        TestKeys.pgpPublicKey(keyOwnerB + " <geheim@extern.example>").getBytes())))).json().get(0)
                .get("id").asLong();
        String secretPartner = unique("geheimpartner") + ".example";
        ok(operator.put("/api/v1/tenants/" + tenantB + "/encryption-policy/rules",
                Map.of("level", "RECIPIENT_DOMAIN", "match", secretPartner, "encryption", "MANDATORY")));
        ok(operator.put("/api/v1/tenants/" + tenantB + "/encryption-policy/rules",
                Map.of("level", "TENANT", "match", "", "sign", true)));

        String secretSender = unique("absender") + "@" + domainB;
        String virus = unique("Geheimvirus");
        String queueId = quarantine(secretSender, mappedEmail, "virus found: " + virus);
        String messageIdB = "<" + unique("geheime-de-mail") + "@" + demailB + ">";
        demailTraces.dispatched(new DemailDispatch(tenantB, queueId, messageIdB, MailAddress.parse(mappedEmail),
                MailAddress.parse(mappedDemail), List.of(MailAddress.parse("buerger@stadt.de-mail.de")),
                List.of("personal")));

        String requester = unique("Geheime Gemeinde");
        String requestedDomain = unique("beantragt") + ".example";
        long registration = registrations.submit(new AuthorityRegistration.Request(requester, "Herr Antrag",
                "it@" + requestedDomain, "", List.of(requestedDomain), "mx." + requestedDomain, ""),
                unique("SMGW"), Instant.now()).id();

        return new World(tenantA, tenantB, cluster, adminA, adminB, domainB, demailB, mappedEmail, delegation, request,
                queueId, messageIdB, keyB, registration, Set.of(nameB, contactB, contactMailB, hiddenHost,
                "198.51.100.64/26", catchAll, mappedDemail, termsB, partner, description, secretSender, virus,
                keyOwnerB, secretPartner, messageIdB, requester, requestedDomain));
    }

    private ApiClient.Reply createAdminReply(long tenantId, String username, Role... roles) {
        return created(operator.post("/api/v1/tenants/" + tenantId + "/admins", Map.of("username", username,
                "roles", java.util.Arrays.stream(roles).map(Role::name).toList())));
    }

    private static String initialPassword(ApiClient.Reply reply) {
        return reply.json().get("initialPassword").asString();
    }

    /** Everything of B the operator can read, as one text to compare before and after. */
    private String snapshotOfB(World w) {
        String tenant = "/api/v1/tenants/" + w.tenantB();
        return List.of(tenant, tenant + "/domains", tenant + "/mappings", tenant + "/admins", tenant + "/delegations",
                        tenant + "/encryption-policy", "/api/v1/change-requests/" + w.requestB(),
                        "/api/v1/queue/" + w.queueIdB(), tenant + "/keys", tenant + "/demail-trace?queueId=" + w.queueIdB(),
                        "/api/v1/registrations")
                .stream().map(path -> ok(operator.get(path)).body()).collect(Collectors.joining("\n"));
    }

    private static World placeholderWorld() {
        return new World(1, 2, "c", "a", "b", "b.example", "b.demail.example", "x@b.example", 3, 4, "q", "<m@b>", 5,
                6, Set.of());
    }

    private static Map<String, Object> demailDomain(String name) {
        return Map.of("name", name, "operatorSettings",
                Map.of("kind", "DEMAIL", "direction", "SEND_AND_RECEIVE", "allowedSenders", List.of()),
                "deliverySettings", Map.of("unmappedPolicy", "BOUNCE_ALL"));
    }

    private static Map<String, Object> with(Map<String, Object> variables, String name, Object value) {
        Map<String, Object> more = new HashMap<>(variables);
        more.put(name, value);
        return more;
    }
}
