package de.poststelle.messenger.service;

import de.poststelle.admin.testapp.TestKeys;
import de.poststelle.crypto.pgp.Gpg;
import de.poststelle.crypto.smime.TestPki;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OwnKeyFileTest {

    private static final String CITIZEN = "erika@buerger.example";
    private static final Instant NOW = Instant.now();

    private static TestPki pki;

    @BeforeAll
    static void ca() throws Exception {
        pki = new TestPki();
    }

    @Test
    void aDerCertificateForKeyAgreementIsTaken() throws Exception {
        X509Certificate ec = pki.ecUser(CITIZEN).cert();
        assertThat(OwnKeyFile.read(ec.getEncoded(), CITIZEN, NOW)).isEqualTo(new OwnKeyFile.Certificate(List.of(ec)));
    }

    @Test
    void certificatesThatCannotCarryMailToTheMailboxAreRefused() throws Exception {
        assertRefused(pem(pki.caCert), NOW, "ca-certificate");
        assertRefused(pem(pki.rsaUser("jemand@anders.example").cert()), NOW, "wrong-address");
        assertRefused(pem(pki.rsaUser(CITIZEN).cert()), NOW.plus(Duration.ofDays(400)), "expired");
        assertRefused(pem(pki.rsaUser(CITIZEN).cert()), NOW.minus(Duration.ofDays(2)), "not-yet-valid");
        assertRefused(pem(signingOnly()), NOW, "no-encryption");
    }

    @Test
    void openPgpKeysThatCannotCarryMailToTheMailboxAreRefused() throws Exception {
        assertRefused(utf8("kein Schlüssel"), NOW, "unreadable");
        assertRefused(utf8(TestKeys.pgpPublicKey("Jemand <jemand@anders.example>")), NOW, "wrong-address");
        // an ECDSA primary key alone signs but cannot encrypt
        assertRefused(utf8(TestKeys.pgpPublicKey("Erika <" + CITIZEN + ">")), NOW, "no-encryption");
        assertRefused(utf8(TestKeys.pgpPublicKey("Erika <" + CITIZEN + ">")
                + TestKeys.pgpPublicKey("Erika <" + CITIZEN + ">")), NOW, "several-keys");
    }

    /** Keys as citizens make them, with GnuPG: usable, then expired, then revoked. */
    @Test
    void aGnuPgKeyIsTakenUntilItExpiresOrIsRevoked(@TempDir Path dir) throws Exception {
        Gpg gpg = new Gpg(dir);
        String fingerprint = gpg.generate("Erika <" + CITIZEN + ">", "ed25519", "cv25519");
        Instant made = Instant.now();
        assertThat(OwnKeyFile.read(gpg.exportPublic(fingerprint), CITIZEN, made))
                .isInstanceOfSatisfying(OwnKeyFile.PgpKey.class, key -> assertThat(key.key().fingerprint())
                        .isEqualTo(fingerprint));

        gpg.ok(null, "--quick-set-expire", fingerprint, "1d");
        assertRefused(gpg.exportPublic(fingerprint), made.plus(Duration.ofDays(3)), "expired");

        // GnuPG keeps a revocation certificate for every key, defused by a leading colon
        String revocation = Files.readString(dir.resolve("gnupg/openpgp-revocs.d/" + fingerprint + ".rev"))
                .replace(":-----BEGIN PGP PUBLIC KEY BLOCK-----", "-----BEGIN PGP PUBLIC KEY BLOCK-----");
        gpg.importKey(utf8(revocation));
        assertRefused(gpg.exportPublic(fingerprint), Instant.now(), "revoked");
    }

    private static void assertRefused(byte[] file, Instant at, String reason) {
        assertThatThrownBy(() -> OwnKeyFile.read(file, CITIZEN, at)).isInstanceOfSatisfying(OwnKeyFile.Refused.class,
                refused -> assertThat(refused.reason()).isEqualTo(reason));
    }

    /** Issued for the citizen, but for signatures only. */
    private static X509Certificate signingOnly() throws Exception {
        TestKeys ca = new TestKeys("Signatur-CA");
        TestKeys.Identity citizen = ca.issue(CITIZEN);
        return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(ca.ca, BigInteger.TWO,
                Date.from(NOW.minus(Duration.ofDays(1))), Date.from(NOW.plus(Duration.ofDays(30))),
                new X500Name("CN=" + CITIZEN), citizen.keys().getPublic())
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.rfc822Name, CITIZEN)))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.caKeys.getPrivate())));
    }

    private static byte[] pem(X509Certificate certificate) {
        return utf8(TestPki.pem(certificate));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
