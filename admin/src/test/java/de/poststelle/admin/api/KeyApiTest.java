package de.poststelle.admin.api;

import de.poststelle.admin.testapp.TestKeys;
import de.poststelle.core.MailAddress;
import de.poststelle.core.keys.KeyDirectory;
import de.poststelle.core.tenant.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A technical admin keeps the tenant's keys and certificates through the API. */
class KeyApiTest extends ApiTestBase {

    @Autowired
    KeyDirectory keyDirectory;

    private TestKeys pki;
    private long tenant;
    private String domain;
    private ApiClient.Session technical;
    private String keys;

    @BeforeEach
    void tenantWithTechnicalAdmin() throws Exception {
        pki = new TestKeys(unique("Test-CA"));
        tenant = createTenant(unique("Amt"));
        domain = unique("amt") + ".example";
        createMailDomain(tenant, domain, "mx." + domain);
        technical = createAdmin(tenant, unique("technik"), Role.TECHNICAL_ADMIN);
        keys = "/api/v1/tenants/" + tenant + "/keys";
    }

    private static Map<String, Object> upload(String type, byte[] content) {
        Map<String, Object> body = new HashMap<>();
        body.put("type", type);
        body.put("content", Base64.getEncoder().encodeToString(content));
        return body;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void recipientCertificatesOfATrustedCaAreTrustedAndExportable() throws Exception {
        TestKeys.Identity recipient = pki.issue("Buerger@Extern.example");

        ApiClient.Reply unknownCa = created(technical.post(keys, upload("RECIPIENT_CERTIFICATE",
                bytes(TestKeys.pem(recipient.certificate())))));
        assertThat(unknownCa.json().get(0).get("trusted").asBoolean()).isFalse();
        assertThat(unknownCa.json().get(0).get("trustReason").asString()).isEqualTo("the tenant trusts no CA yet");

        created(technical.post(keys, upload("CA_BUNDLE", pki.ca.getEncoded())));
        JsonNode certificate = ok(technical.get(keys + "/" + unknownCa.json().get(0).get("id").asLong())).json();

        assertThat(certificate.get("trusted").asBoolean()).as(certificate.toString()).isTrue();
        assertThat(certificate.get("kind").asString()).isEqualTo("RECIPIENT_CERT");
        assertThat(certificate.get("addresses").get(0).asString()).isEqualTo("buerger@extern.example");
        assertThat(certificate.get("issuer").asString()).startsWith("CN=Test-CA");
        assertThat(certificate.get("serial").asString()).isEqualTo(recipient.certificate().getSerialNumber().toString(16));
        assertThat(certificate.get("fingerprint").asString()).matches("[0-9A-F]{64}");
        assertThat(certificate.get("source").asString()).isEqualTo("IMPORTED");

        ApiClient.Reply export = ok(technical.get(keys + "/" + certificate.get("id").asLong() + "/public"));
        assertThat(export.contentType()).startsWith("application/pem-certificate-chain");
        assertThat(export.body()).isEqualTo(TestKeys.pem(recipient.certificate()));

        ApiClient.Reply again = technical.post(keys, upload("CA_BUNDLE", bytes(TestKeys.pem(pki.ca))));
        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    void aPgpKeyIsPendingUntilApprovedAndRecordsWhoDecided() throws Exception {
        String armored = TestKeys.pgpPublicKey("Erika Mustermann <erika@extern.example>");

        JsonNode pending = created(technical.post(keys, upload("PGP_PUBLIC_KEY", bytes(armored)))).json().get(0);
        assertThat(pending.get("approval").asString()).isEqualTo("PENDING");
        assertThat(pending.get("subject").asString()).isEqualTo("Erika Mustermann <erika@extern.example>");
        assertThat(pending.get("fingerprint").asString()).matches("[0-9A-F]{40}");
        long id = pending.get("id").asLong();

        JsonNode approved = ok(technical.put(keys + "/" + id + "/approval", Map.of("decision", "APPROVED"))).json();
        assertThat(approved.get("approval").asString()).isEqualTo("APPROVED");
        assertThat(approved.get("decidedBy").asString()).isNotBlank();
        assertThat(approved.get("decidedAt").asString()).isNotBlank();
        assertThat(technical.put(keys + "/" + id + "/approval", Map.of("decision", "REJECTED")).status())
                .as("decided already").isEqualTo(409);

        ApiClient.Reply export = ok(technical.get(keys + "/" + id + "/public"));
        assertThat(export.body()).startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----");

        JsonNode revoked = ok(technical.post(keys + "/" + id + "/revoke", null)).json();
        assertThat(revoked.get("approval").asString()).isEqualTo("REVOKED");
        assertThat(revoked.get("revoked").asBoolean()).isTrue();
        assertThat(operator.get("/api/v1/audit?tenant=" + tenant).body())
                .contains("key.import", "key.approve", "key.revoke");
    }

    @Test
    void aPkcs12KeyIsStoredForOneSenderAndItsPrivateKeyIsNeverShown() throws Exception {
        TestKeys.Identity own = pki.issue("chefin@" + domain);
        Map<String, Object> body = upload("PKCS12", pki.pkcs12(own, "geheim"));
        body.put("password", "falsch");

        ApiClient.Reply wrongPassword = technical.post(keys, body);
        assertThat(wrongPassword.status()).isEqualTo(400);
        assertThat(wrongPassword.json().get("detail").asString()).isEqualTo("the PKCS#12 password is wrong");

        body.put("password", "geheim");
        body.put("owner", "chefin@" + domain);
        JsonNode key = created(technical.post(keys, body)).json().get(0);
        assertThat(key.get("kind").asString()).isEqualTo("SMIME_KEY");
        assertThat(key.get("hasPrivateKey").asBoolean()).isTrue();
        assertThat(key.get("addresses").get(0).asString()).isEqualTo("chefin@" + domain);

        ApiClient.Reply export = ok(technical.get(keys + "/" + key.get("id").asLong() + "/public"));
        assertThat(export.body()).contains("BEGIN CERTIFICATE").doesNotContain("PRIVATE");

        body.put("owner", "chefin@fremd.example");
        ApiClient.Reply foreignOwner = technical.post(keys, body);
        assertThat(foreignOwner.status()).isEqualTo(400);
        assertThat(foreignOwner.body()).contains("not in one of the tenant's domains");
    }

    @Test
    void theTenantsOwnOpenPgpKeyIsUnlockedOnceWithItsPassphraseAndOnlyItsPublicPartLeaves() throws Exception {
        Map<String, Object> body = upload("PGP_SECRET_KEY",
                bytes(TestKeys.pgpSecretKey("Poststelle <poststelle@" + domain + ">", "Sesam öffne dich")));
        body.put("password", "falsch");

        ApiClient.Reply wrongPassphrase = technical.post(keys, body);
        assertThat(wrongPassphrase.status()).isEqualTo(400);
        assertThat(wrongPassphrase.json().get("detail").asString())
                .isEqualTo("the passphrase does not unlock the OpenPGP secret key");

        body.put("password", "Sesam öffne dich");
        JsonNode key = created(technical.post(keys, body)).json().get(0);
        assertThat(key.get("kind").asString()).isEqualTo("PGP_SECRET");
        assertThat(key.get("hasPrivateKey").asBoolean()).isTrue();
        assertThat(key.get("fingerprint").asString()).matches("[0-9A-F]{40}");
        assertThat(key.get("addresses")).isEmpty();
        assertThat(keyDirectory.pgpSigningKey(tenant, MailAddress.parse("poststelle@" + domain)))
                .as("usable by the pipeline without the passphrase").isPresent();

        ApiClient.Reply export = ok(technical.get(keys + "/" + key.get("id").asLong() + "/public"));
        assertThat(export.body()).startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----").doesNotContain("PRIVATE");
        assertThat(technical.post(keys, body).status()).as("imported already").isEqualTo(409);
        assertThat(technical.post(keys, upload("PGP_SECRET_KEY",
                bytes(TestKeys.pgpPublicKey("x@extern.example")))).json().get("detail").asString())
                .isEqualTo("the file holds no OpenPGP secret key");
        assertThat(operator.get("/api/v1/audit?tenant=" + tenant).body()).contains("key.import", "PGP_SECRET");
    }

    @Test
    void aGeneratedKeyGetsItsCertificateFromTheCsr() throws Exception {
        JsonNode generated = created(technical.post(keys + "/generate", Map.of("algorithm", "RSA_3072",
                "commonName", "Stadtverwaltung", "owner", "poststelle@" + domain))).json();
        assertThat(generated.get("awaitingCertificate").asBoolean()).isTrue();
        long id = generated.get("id").asLong();

        ApiClient.Reply csr = ok(technical.get(keys + "/" + id + "/csr"));
        assertThat(csr.body()).startsWith("-----BEGIN CERTIFICATE REQUEST-----");
        byte[] der = Base64.getMimeDecoder().decode(csr.body().replaceAll("-----[A-Z ]+-----", ""));

        ApiClient.Reply foreign = technical.put(keys + "/" + id + "/certificate", Map.of("content",
                Base64.getEncoder().encodeToString(pki.issue("x@" + domain).certificate().getEncoded())));
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.json().get("detail").asString()).startsWith("the certificate is not issued for this key");

        JsonNode installed = ok(technical.put(keys + "/" + id + "/certificate", Map.of("content",
                Base64.getEncoder().encodeToString(TestKeys.pem(pki.issue(der), pki.ca).getBytes())))).json();
        assertThat(installed.get("awaitingCertificate").asBoolean()).isFalse();
        assertThat(installed.get("issuer").asString()).startsWith("CN=Test-CA");
    }

    @Test
    void badFilesGetAClearMessageAndOtherRolesOnlyLook() throws Exception {
        ApiClient.Reply garbage = technical.post(keys, upload("CA_BUNDLE", bytes("das ist kein Zertifikat")));
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.json().get("detail").asString())
                .isEqualTo("the file holds no X.509 certificate (PEM or DER expected)");
        ApiClient.Reply notPgp = technical.post(keys, upload("PGP_PUBLIC_KEY", bytes("kein Schlüssel")));
        assertThat(notPgp.json().get("detail").asString()).contains("no OpenPGP public key");

        ApiClient.Session accounts = createAdmin(tenant, unique("konten"), Role.ACCOUNT_ADMIN);
        assertThat(accounts.get(keys).status()).isEqualTo(200);
        ApiClient.Reply refused = accounts.post(keys, upload("CA_BUNDLE", pki.ca.getEncoded()));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("TECHNICAL_ADMIN");
    }
}
