package de.poststelle.crypto.keys;

import de.poststelle.core.keys.PrivateKeyEntry;
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
        TestPgpKeys.Generated generated = TestPgpKeys.generate("Erika Mustermann <Erika@Extern.example>");
        String armored = PgpPublicKeyInfo.armor(generated.publicKey());

        PgpPublicKeyInfo fromArmor = PgpPublicKeyInfo.parse(armored.getBytes(StandardCharsets.US_ASCII));
        PgpPublicKeyInfo fromBinary = PgpPublicKeyInfo.parse(generated.publicKey());

        assertThat(armored).startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----");
        assertThat(fromArmor.fingerprint()).isEqualTo(fromBinary.fingerprint()).matches("[0-9A-F]{40}");
        assertThat(fromArmor.emails()).containsExactly("erika@extern.example");
        assertThat(fromArmor.binary()).isEqualTo(generated.publicKey());
        assertThatThrownBy(() -> PgpPublicKeyInfo.parse("kein Schlüssel".getBytes()))
                .isInstanceOfSatisfying(KeyMaterialException.class, e -> assertThat(e.code()).isEqualTo("not-pgp"));
        assertThat(fromArmor.userIds()).containsExactly("Erika Mustermann <Erika@Extern.example>");
    }
}
