package de.poststelle.crypto.keys;

import de.poststelle.core.keys.TrustVerdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trust decisions against a test CA whose CRL and OCSP responder are served over real HTTP: the
 * JDK's PKIX validator fetches them as it would from a public CA.
 */
class CertificateTrustTest {

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final MovableClock clock = new MovableClock(now);
    private RevocationTestPki pki;
    private RevocationTestPki otherCa;

    @BeforeEach
    void pki() throws Exception {
        pki = new RevocationTestPki("Trusted Test CA", now);
        otherCa = new RevocationTestPki("Unknown Test CA", now);
    }

    @AfterEach
    void stop() {
        pki.close();
        otherCa.close();
    }

    private CertificateTrust trust(RevocationMode mode) {
        return new CertificateTrust(mode, Duration.ofHours(1), clock);
    }

    @Test
    void aCertificateOfATrustedCaThatIsNotRevokedIsTrusted() throws Exception {
        RevocationTestPki.Identity user = pki.issue("a@extern.example", RevocationTestPki.Revocation.CRL);

        TrustVerdict verdict = trust(RevocationMode.HARD_FAIL).verdict(user.chain(), List.of(pki.ca));

        assertThat(verdict.trusted()).as(verdict.reason()).isTrue();
        assertThat(verdict.reason()).contains("Trusted Test CA").contains("not revoked");
        assertThat(pki.crlRequests).as("the CRL was fetched").hasValue(1);
    }

    @Test
    void aCertificateOfAnUnknownCaIsRefused() throws Exception {
        RevocationTestPki.Identity user = otherCa.issue("a@extern.example", RevocationTestPki.Revocation.CRL);

        TrustVerdict verdict = trust(RevocationMode.SOFT_FAIL).verdict(user.chain(), List.of(pki.ca));

        assertThat(verdict.trusted()).isFalse();
        assertThat(verdict.reason()).isEqualTo("not issued by a CA the tenant trusts");
    }

    @Test
    void anExpiredCertificateIsRefused() throws Exception {
        RevocationTestPki.Identity user = pki.issue("a@extern.example", RevocationTestPki.Revocation.CRL,
                now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(35)));

        TrustVerdict verdict = trust(RevocationMode.SOFT_FAIL).verdict(user.chain(), List.of(pki.ca));

        assertThat(verdict.trusted()).isFalse();
        assertThat(verdict.reason()).startsWith("expired on");
    }

    @Test
    void aCertificateOnTheCrlIsRefused() throws Exception {
        RevocationTestPki.Identity user = pki.issue("a@extern.example", RevocationTestPki.Revocation.CRL);
        pki.revoked.add(user.certificate().getSerialNumber());

        TrustVerdict verdict = trust(RevocationMode.SOFT_FAIL).verdict(user.chain(), List.of(pki.ca));

        assertThat(verdict.trusted()).isFalse();
        assertThat(verdict.reason()).startsWith("revoked");
    }

    @Test
    void theOcspResponderDecidesGoodAndRevoked() throws Exception {
        RevocationTestPki.Identity good = pki.issue("good@extern.example", RevocationTestPki.Revocation.OCSP);
        RevocationTestPki.Identity bad = pki.issue("bad@extern.example", RevocationTestPki.Revocation.OCSP);
        pki.revoked.add(bad.certificate().getSerialNumber());
        CertificateTrust trust = trust(RevocationMode.HARD_FAIL);

        TrustVerdict goodVerdict = trust.verdict(good.chain(), List.of(pki.ca));
        TrustVerdict badVerdict = trust.verdict(bad.chain(), List.of(pki.ca));

        assertThat(goodVerdict.trusted()).as(goodVerdict.reason()).isTrue();
        assertThat(badVerdict.trusted()).isFalse();
        assertThat(badVerdict.reason()).startsWith("revoked");
        assertThat(pki.ocspRequests).as("each asked the responder").hasValue(2);
        assertThat(pki.crlRequests).hasValue(0);
    }

    @Test
    void unreachableRevocationInformationIsAcceptedOnlyWithSoftFail() throws Exception {
        RevocationTestPki.Identity user = pki.issue("a@extern.example", RevocationTestPki.Revocation.UNREACHABLE_CRL);

        TrustVerdict soft = trust(RevocationMode.SOFT_FAIL).verdict(user.chain(), List.of(pki.ca));
        TrustVerdict hard = trust(RevocationMode.HARD_FAIL).verdict(user.chain(), List.of(pki.ca));

        assertThat(soft.trusted()).as(soft.reason()).isTrue();
        assertThat(soft.reason()).contains("revocation status could not be checked (accepted: soft fail)");
        assertThat(hard.trusted()).isFalse();
        assertThat(hard.reason()).contains("revocation status could not be checked (refused: hard fail)");
    }

    @Test
    void aVerdictIsCachedUntilItExpires() throws Exception {
        RevocationTestPki.Identity user = pki.issue("a@extern.example", RevocationTestPki.Revocation.OCSP);
        CertificateTrust trust = trust(RevocationMode.HARD_FAIL);

        assertThat(trust.verdict(user.chain(), List.of(pki.ca)).trusted()).isTrue();
        pki.revoked.add(user.certificate().getSerialNumber());
        assertThat(trust.verdict(user.chain(), List.of(pki.ca)).trusted()).as("cached").isTrue();
        assertThat(pki.ocspRequests).hasValue(1);

        clock.advance(Duration.ofMinutes(61));
        TrustVerdict later = trust.verdict(user.chain(), List.of(pki.ca));

        assertThat(later.trusted()).as("asked again after the cache expired").isFalse();
        assertThat(pki.ocspRequests).hasValue(2);
    }
}
