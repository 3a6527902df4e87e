package de.poststelle.admin.api;

import de.poststelle.core.tenant.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each permission rule through the API: operators alone run the gateway; in a tenant the user admin
 * manages admins, delegations and the terms, the technical admin the delivery settings, the account
 * admin the mappings; every role sees its tenant; a user without roles sees none.
 */
class PermissionRulesTest extends ApiTestBase {

    private long tenant;
    private String tenantPath;
    private String mailDomain;
    private String demailDomain;
    private String cluster;
    private final Map<Role, ApiClient.Session> admins = new EnumMap<>(Role.class);

    @BeforeEach
    void oneTenantWithOneAdminPerRole() {
        cluster = unique("cluster");
        ok(operator.put("/api/v1/clusters/" + cluster, Map.of("description", "Cluster")));
        tenant = createTenant(unique("Amt"));
        tenantPath = "/api/v1/tenants/" + tenant;
        mailDomain = unique("amt") + ".example";
        demailDomain = unique("amt") + ".demail.example";
        createMailDomain(tenant, mailDomain, "mx." + mailDomain);
        createDemailDomain(tenant, demailDomain);
        for (Role role : Role.values()) {
            admins.put(role, createAdmin(tenant, unique(role.name().toLowerCase().replace('_', '-')), role));
        }
    }

    @Test
    void operatorOnlyActionsAreRefusedToEveryTenantRole() {
        long subdomainRequest = file(admins.get(Role.USER_ADMIN), "NEW_SUBDOMAIN");
        List<Function<ApiClient.Session, ApiClient.Reply>> operatorOnly = List.of(
                s -> s.get("/api/v1/clusters"),
                s -> s.put("/api/v1/clusters/" + unique("c"), Map.of("description", "neu")),
                s -> s.delete("/api/v1/clusters/" + cluster),
                s -> s.post("/api/v1/tenants", Map.of("name", unique("Amt"), "contact", Map.of())),
                s -> s.put(tenantPath, Map.of("name", unique("Umbenannt"), "contact", Map.of())),
                s -> s.delete(tenantPath),
                s -> s.post(tenantPath + "/domains", Map.of("name", unique("neu") + ".example",
                        "operatorSettings", Map.of("kind", "DEMAIL", "direction", "SEND_ONLY", "allowedSenders", List.of()),
                        "deliverySettings", Map.of("unmappedPolicy", "BOUNCE_ALL"))),
                s -> s.put("/api/v1/domains/" + mailDomain + "/operator-settings", Map.of("kind", "MAIL",
                        "direction", "SEND_AND_RECEIVE", "allowedSenders", List.of("0.0.0.0/0"))),
                s -> s.delete("/api/v1/domains/" + mailDomain),
                s -> s.get("/api/v1/admins"),
                s -> s.post("/api/v1/operators", Map.of("username", unique("op"))),
                s -> s.put("/api/v1/change-requests/" + subdomainRequest + "/state", Map.of("state", "DONE")));
        ApiClient.Session allRoles = createAdmin(tenant, unique("all"), Role.values());

        for (ApiClient.Session admin : List.of(admins.get(Role.USER_ADMIN), admins.get(Role.TECHNICAL_ADMIN),
                admins.get(Role.ACCOUNT_ADMIN), allRoles)) {
            for (Function<ApiClient.Session, ApiClient.Reply> action : operatorOnly) {
                ApiClient.Reply reply = action.apply(admin);
                assertThat(reply.status()).as(reply.toString()).isEqualTo(403);
            }
        }
        for (Function<ApiClient.Session, ApiClient.Reply> action : operatorOnly) {
            ApiClient.Reply reply = action.apply(operator);
            assertThat(reply.status()).as("the operator may: " + reply).isIn(200, 201, 204, 409);
        }
    }

    @Test
    void onlyTheUserAdminManagesAdmins() {
        String newAdmin = unique("neu");
        onlyRoleMay(Role.USER_ADMIN, 201, s -> s.post(tenantPath + "/admins",
                Map.of("username", newAdmin, "roles", List.of("TECHNICAL_ADMIN"))));
        onlyRoleMay(Role.USER_ADMIN, 204, s -> s.put(tenantPath + "/admins/" + newAdmin + "/roles/ACCOUNT_ADMIN", null));
        onlyRoleMay(Role.USER_ADMIN, 204, s -> s.delete(tenantPath + "/admins/" + newAdmin + "/roles/ACCOUNT_ADMIN"));
        onlyRoleMay(Role.USER_ADMIN, 200, s -> s.post(tenantPath + "/admins/" + newAdmin + "/password-reset", null));

        ApiClient.Reply listed = ok(admins.get(Role.TECHNICAL_ADMIN).get(tenantPath + "/admins"));
        assertThat(listed.json().findValuesAsString("username")).contains(newAdmin);
        assertThat(listed.body()).doesNotContain("password", "totp", "$argon2");
    }

    @Test
    void onlyTheUserAdminManagesDelegationsTermsAndContact() {
        long partnerTenant = createTenant(unique("Dienstleister"));
        String partner = unique("partner");
        createAdmin(partnerTenant, partner, Role.USER_ADMIN);

        onlyRoleMay(Role.USER_ADMIN, 200, s -> s.get(tenantPath + "/delegations"));
        long delegation = onlyRoleMay(Role.USER_ADMIN, 201, s -> s.post(tenantPath + "/delegations",
                Map.of("grantee", partner, "roles", List.of("ACCOUNT_ADMIN")))).id();
        onlyRoleMay(Role.USER_ADMIN, 204, s -> s.delete(tenantPath + "/delegations/" + delegation));
        ApiClient.Reply terms = onlyRoleMay(Role.USER_ADMIN, 200, s -> s.put(tenantPath + "/terms",
                Map.of("version", "2026-1")));
        assertThat(terms.json().get("terms").get("version").asString()).isEqualTo("2026-1");
        String name = ok(operator.get(tenantPath)).json().get("name").asString();
        onlyRoleMay(Role.USER_ADMIN, 200, s -> s.put(tenantPath, Map.of("name", name,
                "contact", Map.of("name", "Neue Ansprechpartnerin", "email", "neu@example.org"))));
    }

    @Test
    void onlyTheUserAdminReadsTheTenantsAuditLog() {
        for (Role role : Role.values()) {
            ApiClient.Reply log = ok(admins.get(role).get("/api/v1/audit?tenant=" + tenant));
            if (role == Role.USER_ADMIN) {
                assertThat(log.json().findValuesAsString("action")).contains("tenant.create", "domain.create");
            } else {
                assertThat(log.json()).as(role + " sees no audit entries").isEmpty();
            }
        }
    }

    @Test
    void onlyTheTechnicalAdminSetsDeliverySettings() {
        ApiClient.Reply changed = onlyRoleMay(Role.TECHNICAL_ADMIN, 200,
                s -> s.put("/api/v1/domains/" + demailDomain + "/delivery-settings", Map.of(
                        "unmappedPolicy", "CATCH_ALL", "catchAllMailbox", "poststelle@" + mailDomain)));

        assertThat(changed.json().get("deliverySettings").get("unmappedPolicy").asString()).isEqualTo("CATCH_ALL");
        assertThat(changed.json().get("operatorSettings").get("kind").asString()).isEqualTo("DEMAIL");
    }

    @Test
    void onlyTheAccountAdminMaintainsMappings() {
        Map<String, String> mapping = Map.of("email", "Max.Muster@" + mailDomain, "demail", "max.muster@" + demailDomain);

        ApiClient.Reply added = onlyRoleMay(Role.ACCOUNT_ADMIN, 201, s -> s.post(tenantPath + "/mappings", mapping));
        assertThat(added.json().get("email").asString()).isEqualTo("max.muster@" + mailDomain);
        onlyRoleMay(Role.ACCOUNT_ADMIN, 204, s -> s.delete(tenantPath + "/mappings/max.muster@" + mailDomain));

        assertThat(ok(operator.get(tenantPath + "/mappings")).json()).isEmpty();
    }

    @Test
    void everyRoleSeesItsTenantAndNothingElse() {
        for (ApiClient.Session admin : admins.values()) {
            assertThat(ok(admin.get("/api/v1/tenants")).json().findValues("id")).singleElement()
                    .satisfies(id -> assertThat(id.asLong()).isEqualTo(tenant));
            ok(admin.get(tenantPath));
            ok(admin.get(tenantPath + "/domains"));
            ok(admin.get("/api/v1/domains/" + mailDomain));
            ok(admin.get(tenantPath + "/mappings"));
            ok(admin.get(tenantPath + "/admins"));
        }
    }

    @Test
    void aUserWithoutRolesSeesNoTenant() {
        String username = unique("ehemals");
        ApiClient.Session former = createAdmin(tenant, username, Role.ACCOUNT_ADMIN);
        ok(admins.get(Role.USER_ADMIN).delete(tenantPath + "/admins/" + username + "/roles/ACCOUNT_ADMIN"));

        assertThat(ok(former.get("/api/v1/tenants")).json()).isEmpty();
        assertThat(ok(former.get("/api/v1/me")).json().get("tenants")).isEmpty();
        assertThat(former.get(tenantPath).status()).isEqualTo(404);
        assertThat(former.get(tenantPath + "/domains").status()).isEqualTo(404);
        assertThat(former.get(tenantPath + "/mappings").status()).isEqualTo(404);
        assertThat(former.post("/api/v1/change-requests", Map.of("tenantId", tenant, "scenario", "NEW_MAILBOX",
                "description", "bitte")).status()).isEqualTo(404);
    }

    @Test
    void changeRequestsAreMovedByTheResponsibleRoleAndSeenByTheRequester() {
        ApiClient.Session requester = admins.get(Role.TECHNICAL_ADMIN);
        long mailbox = file(requester, "NEW_MAILBOX");
        long gatewayAdmin = file(requester, "NEW_GATEWAY_ADMIN");

        onlyRoleMay(Role.ACCOUNT_ADMIN, 200, s -> s.put("/api/v1/change-requests/" + mailbox + "/state",
                Map.of("state", "IN_PROGRESS", "note", "wird angelegt")));
        onlyRoleMay(Role.USER_ADMIN, 200, s -> s.put("/api/v1/change-requests/" + gatewayAdmin + "/state",
                Map.of("state", "REJECTED")));

        ApiClient.Reply seen = ok(requester.get("/api/v1/change-requests/" + mailbox));
        assertThat(seen.json().get("state").asString()).isEqualTo("IN_PROGRESS");
        assertThat(seen.json().get("note").asString()).isEqualTo("wird angelegt");
        ApiClient.Reply backwards = admins.get(Role.USER_ADMIN).put("/api/v1/change-requests/" + gatewayAdmin
                + "/state", Map.of("state", "OPEN"));
        assertThat(backwards.status()).as(backwards.toString()).isEqualTo(409);
    }

    @Test
    void anOperatorCreatesOperatorsWhoseInitialPasswordIsShownOnce() {
        String username = unique("op");
        ApiClient.Reply created = created(operator.post("/api/v1/operators", Map.of("username", username)));
        ApiClient.Session newOperator = api.as(username, created.json().get("initialPassword").asString());

        assertThat(ok(newOperator.get("/api/v1/me")).json().get("operator").asBoolean()).isTrue();
        ApiClient.Reply all = ok(newOperator.get("/api/v1/admins"));
        assertThat(all.json().findValuesAsString("username")).contains(username);
        assertThat(all.body()).doesNotContain("initialPassword", "$argon2");
    }

    @Test
    void everyAdminChangesTheOwnPasswordAfterProvingTheOldOne() {
        String username = unique("selbst");
        ApiClient.Reply created = created(operator.post(tenantPath + "/admins",
                Map.of("username", username, "roles", List.of("ACCOUNT_ADMIN"))));
        String initial = created.json().get("initialPassword").asString();

        assertThat(api.as(username, initial).put("/api/v1/me/password",
                Map.of("currentPassword", "falsch-falsch", "newPassword", "mein-neues-passwort")).status())
                .isEqualTo(400);
        assertThat(api.as(username, initial).put("/api/v1/me/password",
                Map.of("currentPassword", initial, "newPassword", "mein-neues-passwort")).status()).isEqualTo(204);

        assertThat(api.as(username, initial).get("/api/v1/me").status()).isEqualTo(401);
        assertThat(api.as(username, "mein-neues-passwort").get("/api/v1/me").status()).isEqualTo(200);
    }

    /** The other roles are refused first (so the state is still as it was), then the one role succeeds. */
    private ApiClient.Reply onlyRoleMay(Role allowed, int success, Function<ApiClient.Session, ApiClient.Reply> action) {
        for (Role role : Role.values()) {
            if (role != allowed) {
                ApiClient.Reply refused = action.apply(admins.get(role));
                assertThat(refused.status()).as(role + ": " + refused).isEqualTo(403);
            }
        }
        ApiClient.Reply reply = action.apply(admins.get(allowed));
        assertThat(reply.status()).as(allowed + ": " + reply).isEqualTo(success);
        return reply;
    }

    private long file(ApiClient.Session requester, String scenario) {
        return created(requester.post("/api/v1/change-requests", Map.of("tenantId", tenant, "scenario", scenario,
                "description", "bitte " + scenario))).id();
    }
}
