package de.poststelle.crypto.keys;

import com.zaxxer.hikari.HikariDataSource;
import de.poststelle.core.MailAddress;
import de.poststelle.core.keys.PrivateKeyEntry;
import de.poststelle.core.tenant.Contact;
import de.poststelle.crypto.pgp.PgpPublicKeyInfo;
import de.poststelle.crypto.pgp.TestKeys;
import de.poststelle.store.keys.Approval;
import de.poststelle.store.keys.Decision;
import de.poststelle.store.keys.KeyKind;
import de.poststelle.store.keys.KeyRepository;
import de.poststelle.store.keys.KeySource;
import de.poststelle.store.keys.MasterKey;
import de.poststelle.store.keys.StoredKey;
import de.poststelle.store.tenant.TenantRepository;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What the crypto stages get from the key store: only trusted, approved, unrevoked keys of their own tenant. */
class StoredKeyDirectoryTest {

    private static final String BY = "admin";
    private static final MailAddress RECIPIENT = MailAddress.parse("buerger@extern.example");
    private static final MailAddress SENDER = MailAddress.parse("chefin@amt.example");

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final MovableClock clock = new MovableClock(now);
    private HikariDataSource dataSource;
    private RevocationTestPki pki;
    private RevocationTestPki unknownCa;
    private KeyRepository keys;
    private StoredKeyDirectory directory;
    private long tenant;
    private long otherTenant;

    @BeforeEach
    void store() throws Exception {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl("jdbc:h2:file:" + Files.createTempDirectory("keys").resolve("db") + ";WRITE_DELAY=0");
        Flyway.configure().dataSource(dataSource).load().migrate();
        TenantRepository tenants = new TenantRepository(dataSource, clock);
        tenant = tenants.create("Amt", new Contact("", "", "")).id();
        otherTenant = tenants.create("Anderes Amt", new Contact("", "", "")).id();
        keys = new KeyRepository(dataSource, new MasterKey(new byte[32]));
        directory = new StoredKeyDirectory(keys, new CertificateTrust(RevocationMode.HARD_FAIL, Duration.ofHours(1),
                clock), clock);
        pki = new RevocationTestPki("Trusted Test CA", now);
        unknownCa = new RevocationTestPki("Unknown Test CA", now);
        keys.add(NewKeys.trustedCa(tenant, pki.ca, BY), now);
    }

    @AfterEach
    void close() {
        pki.close();
        unknownCa.close();
        dataSource.close();
    }

    @Test
    void onlyTrustedUnrevokedRecipientCertificatesAreOffered() throws Exception {
        var trusted = pki.issue(RECIPIENT.toString(), RevocationTestPki.Revocation.OCSP);
        var untrusted = unknownCa.issue(RECIPIENT.toString(), RevocationTestPki.Revocation.OCSP);
        long trustedId = keys.add(NewKeys.recipientCertificate(tenant, trusted.chain(), KeySource.IMPORTED, BY), now);
        keys.add(NewKeys.recipientCertificate(tenant, untrusted.chain(), KeySource.IMPORTED, BY), now);

        assertThat(directory.smimeRecipientCertificates(tenant, RECIPIENT)).containsExactly(trusted.certificate());
        assertThat(directory.smimeRecipientCertificates(otherTenant, RECIPIENT)).isEmpty();

        keys.revoke(tenant, trustedId, new Decision(BY, now));
        assertThat(directory.smimeRecipientCertificates(tenant, RECIPIENT)).isEmpty();
    }

    @Test
    void harvestingKeepsOnlyTrustedCertificatesOfTheSigner() throws Exception {
        var trusted = pki.issue(RECIPIENT.toString(), RevocationTestPki.Revocation.OCSP);
        var revoked = pki.issue("other@extern.example", RevocationTestPki.Revocation.OCSP);
        pki.revoked.add(revoked.certificate().getSerialNumber());
        var untrusted = unknownCa.issue("third@extern.example", RevocationTestPki.Revocation.OCSP);

        directory.harvest(tenant, RECIPIENT, trusted.chain());
        directory.harvest(tenant, RECIPIENT, trusted.chain());
        directory.harvest(tenant, MailAddress.parse("other@extern.example"), revoked.chain());
        directory.harvest(tenant, MailAddress.parse("third@extern.example"), untrusted.chain());
        directory.harvest(tenant, MailAddress.parse("impostor@extern.example"), trusted.chain());

        List<StoredKey> harvested = keys.ofTenant(tenant).stream().filter(k -> k.kind() == KeyKind.RECIPIENT_CERT).toList();
        assertThat(harvested).singleElement().satisfies(key -> {
            assertThat(key.source()).isEqualTo(KeySource.HARVESTED);
            assertThat(key.addresses()).containsExactly(RECIPIENT.toString());
        });
        assertThat(directory.smimeRecipientCertificates(tenant, RECIPIENT)).containsExactly(trusted.certificate());
    }

    @Test
    void pgpKeysAreUsedOnlyAfterApproval() throws Exception {
        TestKeys generated = TestKeys.generate(TestKeys.Kind.P256, "Bürger <" + RECIPIENT + ">");
        long id = keys.add(NewKeys.pgpPublicKey(tenant, PgpPublicKeyInfo.read(generated.publicKey(), Instant.now()),
                KeySource.IMPORTED, BY), now);

        assertThat(directory.approvedPgpPublicKeys(tenant, RECIPIENT)).isEmpty();

        keys.decide(tenant, id, Approval.APPROVED, new Decision(BY, now));
        assertThat(directory.approvedPgpPublicKeys(tenant, RECIPIENT)).singleElement()
                .satisfies(key -> assertThat(key).isEqualTo(generated.publicKey()));
        assertThat(directory.approvedPgpPublicKeys(otherTenant, RECIPIENT)).isEmpty();
    }

    @Test
    void theSendersOwnKeySignsBeforeTheTenantsAndBothDecrypt() throws Exception {
        var tenantWide = pki.issue("poststelle@amt.example", RevocationTestPki.Revocation.OCSP);
        var own = pki.issue(SENDER.toString(), RevocationTestPki.Revocation.OCSP);
        keys.add(NewKeys.smimeKey(tenant, new PrivateKeyEntry(tenantWide.key(), tenantWide.chain()), Optional.empty(),
                BY), now);

        assertThat(directory.smimeSigningKey(tenant, SENDER).map(PrivateKeyEntry::certificate))
                .contains(tenantWide.certificate());

        keys.add(NewKeys.smimeKey(tenant, new PrivateKeyEntry(own.key(), own.chain()), Optional.of(SENDER.toString()),
                BY), now);
        Optional<PrivateKeyEntry> signing = directory.smimeSigningKey(tenant, SENDER);
        assertThat(signing.map(PrivateKeyEntry::certificate)).contains(own.certificate());
        assertThat(signing.orElseThrow().key().getEncoded()).isEqualTo(own.key().getEncoded());
        assertThat(directory.smimeDecryptionKeys(tenant, SENDER)).extracting(PrivateKeyEntry::certificate)
                .containsExactly(own.certificate(), tenantWide.certificate());
        assertThat(directory.smimeSigningKey(otherTenant, SENDER)).isEmpty();
    }

    @Test
    void aGeneratedKeySignsOnlyOnceItsCertificateIsInstalled() {
        CsrGenerator.GeneratedKey generated = CsrGenerator.generate(CsrGenerator.Algorithm.EC_P256, "Amt",
                Optional.of(SENDER.toString()));
        keys.add(NewKeys.generatedKey(tenant, generated, Optional.empty(), BY), now);

        assertThat(directory.smimeSigningKey(tenant, SENDER)).isEmpty();
        assertThat(CsrGenerator.pem(generated.csr())).startsWith("-----BEGIN CERTIFICATE REQUEST-----");
    }

    @Test
    void pgpSecretKeysComeBackUnsealed() throws Exception {
        TestKeys generated = TestKeys.generate(TestKeys.Kind.P256, "Amt <" + SENDER + ">");
        keys.add(new de.poststelle.store.keys.NewKey(tenant, KeyKind.PGP_SECRET, List.of(), Optional.empty(),
                Optional.empty(), Optional.of(generated.secret()),
                de.poststelle.store.keys.KeyDescription.awaitingCertificate("Amt"), KeySource.IMPORTED,
                Optional.empty(), BY), now);

        assertThat(directory.pgpSigningKey(tenant, SENDER)).hasValueSatisfying(
                key -> assertThat(key).isEqualTo(generated.secret()));
        assertThat(directory.pgpDecryptionKeys(tenant, SENDER)).hasSize(1);
        assertThat(directory.pgpDecryptionKeys(otherTenant, SENDER)).isEmpty();
    }
}
