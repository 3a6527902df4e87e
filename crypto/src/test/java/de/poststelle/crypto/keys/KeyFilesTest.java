package de.poststelle.crypto.keys;

import de.poststelle.core.keys.PrivateKeyEntry;
import de.poststelle.crypto.pgp.PgpPublicKeyInfo;
import de.poststelle.crypto.pgp.TestKeys;
import de.poststelle.store.keys.Approval;
import de.poststelle.store.keys.NewKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The files admins upload: PKCS#12, certificate bundles, OpenPGP keys; bad files are named, not dumped. */
class KeyFilesTest {

    private final RevocationTestPki pki = new RevocationTestPki("Files Test CA", Instant.now());

    KeyFilesTest() throws Exception {
    }

    @AfterEach
    void stop() {
        pki.close();
    }

    static byte[] pkcs12(RevocationTestPki.Identity identity, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("key", identity.key(), password.toCharArray(),
                identity.chain().toArray(new X509Certificate[0]));
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        store.store(file, password.toCharArray());
        return file.toByteArray();
    }

    @Test
    void aPkcs12FileGivesItsKeyAndChainWithTheRightPasswordOnly() throws Exception {
        RevocationTestPki.Identity identity = pki.issue("amt@behoerde.example", RevocationTestPki.Revocation.CRL);
        byte[] file = pkcs12(identity, "geheim");

        PrivateKeyEntry entry = Pkcs12.read(file, "geheim".toCharArray());

        assertThat(entry.chain()).containsExactlyElementsOf(identity.chain());
        assertThat(entry.key().getEncoded()).isEqualTo(identity.key().getEncoded());
        assertThatThrownBy(() -> Pkcs12.read(file, "falsch".toCharArray()))
                .isInstanceOfSatisfying(KeyMaterialException.class, e -> assertThat(e.code()).isEqualTo("pkcs12-password"));
        assertThatThrownBy(() -> Pkcs12.read("kein p12".getBytes(), "x".toCharArray()))
                .isInstanceOfSatisfying(KeyMaterialException.class, e -> assertThat(e.code()).isEqualTo("not-pkcs12"));
    }

    @Test
    void certificatesAreReadFromPemBundlesAndDer() throws Exception {
        RevocationTestPki.Identity identity = pki.issue("Amt@Behoerde.example", RevocationTestPki.Revocation.CRL);

        assertThat(Certificates.parse(Certificates.pemBytes(identity.chain()))).containsExactlyElementsOf(identity.chain());
        assertThat(Certificates.parse(pki.ca.getEncoded())).containsExactly(pki.ca);
        assertThat(Certificates.emails(identity.certificate())).containsExactly("amt@behoerde.example");
        assertThat(Certificates.fingerprint(pki.ca)).hasSize(64);
        assertThatThrownBy(() -> Certificates.parse("-----BEGIN NONSENSE-----".getBytes()))
                .isInstanceOfSatisfying(KeyMaterialException.class, e -> assertThat(e.code()).isEqualTo("not-certificate"));
        assertThatThrownBy(() -> NewKeys.trustedCa(1, identity.certificate(), "admin"))
                .isInstanceOfSatisfying(KeyMaterialException.class, e -> assertThat(e.code()).isEqualTo("not-ca"));
    }

    @Test
    void anOpenPgpKeyIsReadArmoredAndBinary() throws Exception {
        TestKeys generated = TestKeys.generate(TestKeys.Kind.P256, "Erika Mustermann <Erika@Extern.example>");
        String armored = PgpPublicKeyInfo.armor(generated.publicKey());

        NewKey fromArmor = NewKeys.pgpPublicKey(1, armored.getBytes(StandardCharsets.US_ASCII), Instant.now(), "admin");
        NewKey fromBinary = NewKeys.pgpPublicKey(1, generated.publicKey(), Instant.now(), "admin");

        assertThat(armored).startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----");
        assertThat(fromArmor.description().fingerprint()).isEqualTo(fromBinary.description().fingerprint())
                .contains(generated.fingerprint());
        assertThat(fromArmor.addresses()).containsExactly("erika@extern.example");
        assertThat(fromArmor.publicData()).hasValueSatisfying(key -> assertThat(key).isEqualTo(generated.publicKey()));
        assertThat(fromArmor.approval()).contains(Approval.PENDING);
        assertThat(fromArmor.description().subject()).isEqualTo("Erika Mustermann <Erika@Extern.example>");
    }

    @Test
    void aFileWithoutOneOpenPgpKeyIsRefusedWithItsReason() throws Exception {
        byte[] two = (PgpPublicKeyInfo.armor(TestKeys.generate(TestKeys.Kind.P256, "a@extern.example").publicKey())
                + PgpPublicKeyInfo.armor(TestKeys.generate(TestKeys.Kind.P256, "b@extern.example").publicKey()))
                .getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> NewKeys.pgpPublicKey(1, "kein Schlüssel".getBytes(StandardCharsets.UTF_8),
                Instant.now(), "admin"))
                .isInstanceOfSatisfying(KeyMaterialException.class, e -> assertThat(e.code()).isEqualTo("not-pgp"));
        assertThatThrownBy(() -> NewKeys.pgpPublicKey(1, two, Instant.now(), "admin"))
                .isInstanceOfSatisfying(KeyMaterialException.class, e -> assertThat(e.code()).isEqualTo("pgp-several"));
    }
}
