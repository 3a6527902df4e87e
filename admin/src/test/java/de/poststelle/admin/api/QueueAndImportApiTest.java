package de.poststelle.admin.api;

import de.poststelle.core.tenant.Role;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The mail queue and the CSV import through the API, as an operator and as tenant admins use them. */
class QueueAndImportApiTest extends ApiTestBase {

    @Test
    void aTechnicalAdminSeesRetriesAndDeletesTheTenantsMailOnly() {
        long tenant = createTenant(unique("Amt"));
        String domain = unique("amt") + ".example";
        createMailDomain(tenant, domain, "mx." + domain);
        ApiClient.Session technician = createAdmin(tenant, unique("technik"), Role.TECHNICAL_ADMIN);
        String own = enqueue("sachbearbeitung@" + domain, "buerger@extern.example");
        String foreign = enqueue("jemand@" + unique("fremd") + ".example", "buerger@extern.example");

        ApiClient.Reply list = ok(technician.get("/api/v1/queue?tenant=" + tenant));
        assertThat(list.body()).contains(own).doesNotContain(foreign);
        assertThat(ok(technician.get("/api/v1/queue/" + own + "?tenant=" + tenant)).json()
                .get("recipients").get(0).get("address").asString()).isEqualTo("buerger@extern.example");
        assertThat(technician.get("/api/v1/queue/" + foreign + "?tenant=" + tenant).status()).isEqualTo(404);
        assertThat(technician.post("/api/v1/queue/" + own + "/retry?tenant=" + tenant, null).status())
                .as("nothing is deferred yet").isEqualTo(409);

        assertThat(technician.delete("/api/v1/queue/" + own + "?tenant=" + tenant).status()).isEqualTo(204);
        assertThat(technician.get("/api/v1/queue/" + own + "?tenant=" + tenant).status()).isEqualTo(404);
        assertThat(ok(operator.get("/api/v1/audit?action=queue.delete&tenant=" + tenant)).body()).contains(own);
        assertThat(ok(operator.get("/api/v1/queue?sender=jemand@")).body())
                .contains(foreign);
        String another = enqueue("amt@" + domain, "buerger@extern.example");
        assertThat(operator.delete("/api/v1/queue/" + another).status()).isEqualTo(204);
        assertThat(ok(operator.get("/api/v1/audit?action=queue.delete&tenant=" + tenant)).body())
                .as("the operator's deletion shows in the tenant's log").contains(another);
    }

    @Test
    void quarantinedMailIsDownloadedWithCareAndReleasedOnce() {
        long tenant = createTenant(unique("Amt"));
        String domain = unique("amt") + ".example";
        createMailDomain(tenant, domain, "mx." + domain);
        ApiClient.Session technician = createAdmin(tenant, unique("technik"), Role.TECHNICAL_ADMIN);
        ApiClient.Session stranger = createAdmin(createTenant(unique("Fremd")), unique("fremd"), Role.TECHNICAL_ADMIN);
        String held = quarantine("extern@absender.example", "poststelle@" + domain, "virus found: Eicar-Test-Signature");
        String mail = "/api/v1/queue/" + held + "?tenant=" + tenant;

        assertThat(ok(technician.get("/api/v1/queue?state=QUARANTINED&tenant=" + tenant)).body()).contains(held);
        ApiClient.Reply content = ok(technician.get("/api/v1/queue/" + held + "/content?tenant=" + tenant));
        assertThat(content.contentType()).startsWith("message/rfc822");
        assertThat(content.body()).contains("Subject: vertraulich");
        assertThat(stranger.get("/api/v1/queue/" + held + "/content?tenant=" + tenant).status()).isEqualTo(404);

        assertThat(technician.post("/api/v1/queue/" + held + "/release?tenant=" + tenant, null).status()).isEqualTo(204);
        assertThat(ok(technician.get(mail)).json().get("summary").get("state").asString()).isNotEqualTo("QUARANTINED");
        assertThat(technician.post("/api/v1/queue/" + held + "/release?tenant=" + tenant, null).status())
                .as("released already").isEqualTo(409);
        assertThat(ok(operator.get("/api/v1/audit?tenant=" + tenant + "&text=" + held)).body())
                .contains("quarantine.download", "quarantine.release");
    }

    @Test
    void anAccountAdminImportsMappingsAfterADryRunAndExportsThem() {
        long tenant = createTenant(unique("Stadt"));
        String mail = unique("stadt") + ".example";
        String demail = unique("stadt") + ".demail.example";
        createMailDomain(tenant, mail, "mx." + mail);
        createDemailDomain(tenant, demail);
        ApiClient.Session accounts = createAdmin(tenant, unique("konten"), Role.ACCOUNT_ADMIN);
        String csv = "email;demail\nanna@" + mail + ";anna@" + demail + "\nbert@" + mail + ";bert@" + demail + "\n";
        String path = "/api/v1/tenants/" + tenant + "/mappings";

        ApiClient.Reply dryRun = ok(accounts.post(path + "/import?dryRun=true", csv));
        assertThat(dryRun.json().get("applied").asBoolean()).isFalse();
        assertThat(dryRun.json().get("added").asLong()).isEqualTo(2);
        assertThat(ok(accounts.get(path)).body()).isEqualTo("[]");

        ApiClient.Reply wrong = accounts.post(path + "/import", csv + "carl@" + mail + ";kein-at-zeichen\n");
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.json().get("errors").asLong()).isEqualTo(1);
        assertThat(ok(accounts.get(path)).body()).isEqualTo("[]");

        ApiClient.Reply applied = ok(accounts.post(path + "/import", csv));
        assertThat(applied.json().get("applied").asBoolean()).isTrue();
        ApiClient.Reply export = ok(accounts.get(path + "/export"));
        assertThat(export.contentType()).startsWith("text/csv");
        assertThat(export.body()).contains("anna@" + mail + ";anna@" + demail, "bert@" + mail + ";bert@" + demail);
    }

    @Test
    void operatorsSeeTheGatewayNodesOthersDoNot() {
        assertThat(ok(operator.get("/api/v1/clusters/nodes")).body()).startsWith("[");
        long tenant = createTenant(unique("Amt"));
        ApiClient.Session admin = createAdmin(tenant, unique("admin"), Role.values());
        assertThat(admin.get("/api/v1/clusters/nodes").status()).isEqualTo(403);
        assertThat(admin.get("/api/v1/queue").status()).as("the whole queue is the operator's").isEqualTo(403);
        assertThat(admin.get("/api/v1/queue?tenant=" + tenant).status()).isEqualTo(200);
    }
}
