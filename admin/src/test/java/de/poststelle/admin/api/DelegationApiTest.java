package de.poststelle.admin.api;

import de.poststelle.core.tenant.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delegation (Vollmacht): a service partner's admin acts for a tenant in the delegated role while
 * the delegation runs, the audit log names the delegation, and the role is gone at once when the
 * delegation ends or is revoked.
 */
class DelegationApiTest extends ApiTestBase {

    private String tenantPath;
    private String mailDomain;
    private String demailDomain;
    private ApiClient.Session userAdmin;
    private String partnerName;
    private ApiClient.Session partner;

    @BeforeEach
    void aTenantAndAServicePartner() {
        long tenant = createTenant(unique("Amt"));
        tenantPath = "/api/v1/tenants/" + tenant;
        mailDomain = unique("amt") + ".example";
        demailDomain = unique("amt") + ".demail.example";
        createMailDomain(tenant, mailDomain, "mx." + mailDomain);
        createDemailDomain(tenant, demailDomain);
        userAdmin = createAdmin(tenant, unique("useradmin"), Role.USER_ADMIN);
        long partnerTenant = createTenant(unique("Dienstleister"));
        partnerName = unique("partner");
        partner = createAdmin(partnerTenant, partnerName, Role.USER_ADMIN);
    }

    @Test
    void aDelegatedAccountAdminAddsAMappingAndTheAuditNamesTheDelegation() {
        long delegation = delegate(true, clock.instant().plus(Duration.ofDays(28))).id();

        created(addMapping("anna"));

        JsonNode entry = ok(userAdmin.get("/api/v1/audit?action=mapping.add&actor=" + partnerName)).json().get(0);
        assertThat(entry.get("delegationId").asLong()).isEqualTo(delegation);
        assertThat(entry.get("target").asString()).isEqualTo("anna@" + mailDomain);
        JsonNode me = ok(partner.get("/api/v1/me")).json();
        assertThat(me.get("activeDelegations").findValues("id")).extracting(JsonNode::asLong).containsExactly(delegation);
        assertThat(me.get("tenants").toString()).contains("ACCOUNT_ADMIN");
    }

    @Test
    void anExpiredDelegationIsRefusedAtOnce() {
        delegate(false, clock.instant().plus(Duration.ofDays(7)));
        created(addMapping("berta"));

        clock.advance(Duration.ofDays(7));

        assertThat(addMapping("carla").status()).isEqualTo(404);
        assertThat(partner.get(tenantPath + "/mappings").status()).isEqualTo(404);
        JsonNode mine = ok(partner.get("/api/v1/me/delegations")).json();
        assertThat(mine.get(0).get("active").asBoolean()).isFalse();
        assertThat(ok(partner.get("/api/v1/me")).json().get("activeDelegations")).isEmpty();
    }

    @Test
    void aRevokedDelegationIsRefusedAtOnce() {
        long delegation = delegate(false, null).id();
        created(addMapping("dora"));

        ok(userAdmin.delete(tenantPath + "/delegations/" + delegation));

        assertThat(addMapping("emil").status()).isEqualTo(404);
        JsonNode listed = ok(userAdmin.get(tenantPath + "/delegations")).json().get(0);
        assertThat(listed.get("revokedAt").isNull()).isFalse();
        assertThat(listed.get("active").asBoolean()).isFalse();
        assertThat(ok(userAdmin.get("/api/v1/audit?action=delegation.revoke")).json().findValuesAsString("details"))
                .contains("delegation " + delegation);
    }

    @Test
    void aCommissioningDelegationLongerThanFourWeeksIsRefused() {
        ApiClient.Reply reply = delegate(true, clock.instant().plus(Duration.ofDays(29)));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.json().get("detail").asString()).isEqualTo("a commissioning delegation lasts at most 4 weeks");
        assertThat(ok(userAdmin.get(tenantPath + "/delegations")).json()).isEmpty();
    }

    @Test
    void aDelegationOnlyGrantsItsRoles() {
        delegate(false, null);

        ApiClient.Reply refused = partner.post(tenantPath + "/admins",
                Map.of("username", unique("x"), "roles", List.of("USER_ADMIN")));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
    }

    private ApiClient.Reply delegate(boolean commissioning, Instant until) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("grantee", partnerName,
                "roles", List.of("ACCOUNT_ADMIN"), "commissioning", commissioning));
        if (until != null) {
            body.put("validUntil", until.toString());
        }
        return userAdmin.post(tenantPath + "/delegations", body);
    }

    private ApiClient.Reply addMapping(String localPart) {
        return partner.post(tenantPath + "/mappings",
                Map.of("email", localPart + "@" + mailDomain, "demail", localPart + "@" + demailDomain));
    }
}
