package de.poststelle.messenger.service;

import de.poststelle.crypto.keys.Certificates;
import de.poststelle.crypto.keys.KeyMaterialException;
import de.poststelle.crypto.pgp.PgpException;
import de.poststelle.crypto.pgp.PgpPublicKeyInfo;

import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * A citizen's own S/MIME certificate or OpenPGP public key, read from an upload and checked to be
 * usable for encrypting mail to their mailbox address. Whether an authority trusts it is decided
 * later, per authority.
 */
public sealed interface OwnKeyFile {

    /** The citizen's certificate first, then any CA certificates that came with it. */
    record Certificate(List<X509Certificate> chain) implements OwnKeyFile {
    }

    record PgpKey(PgpPublicKeyInfo key) implements OwnKeyFile {
    }

    /** Why an upload cannot be used: {@code reason} names the text shown, {@code detail} fills it in. */
    final class Refused extends RuntimeException {

        private final String reason;
        private final String detail;

        Refused(String reason, String detail) {
            super(reason + (detail.isEmpty() ? "" : ": " + detail));
            this.reason = reason;
            this.detail = detail;
        }

        public String reason() {
            return reason;
        }

        public String detail() {
            return detail;
        }
    }

    /** Reads a PEM/DER certificate or an armored/binary OpenPGP key for {@code address}; throws {@link Refused}. */
    static OwnKeyFile read(byte[] file, String address, Instant now) {
        List<X509Certificate> chain;
        try {
            chain = Certificates.parse(file);
        } catch (KeyMaterialException notCertificate) {
            return new PgpKey(checkedPgpKey(file, address, now));
        }
        return new Certificate(checkedChain(chain, address, now));
    }

    private static List<X509Certificate> checkedChain(List<X509Certificate> chain, String address, Instant now) {
        X509Certificate certificate = chain.getFirst();
        if (Certificates.isCa(certificate)) {
            throw new Refused("ca-certificate", certificate.getSubjectX500Principal().getName());
        }
        Set<String> emails = Certificates.emails(certificate);
        if (!emails.contains(address)) {
            throw new Refused("wrong-address", String.join(", ", emails));
        }
        try {
            certificate.checkValidity(Date.from(now));
        } catch (CertificateExpiredException e) {
            throw new Refused("expired", day(certificate.getNotAfter().toInstant()));
        } catch (CertificateNotYetValidException e) {
            throw new Refused("not-yet-valid", day(certificate.getNotBefore().toInstant()));
        }
        boolean[] usage = certificate.getKeyUsage();
        // RFC 5280 4.2.1.3: bit 2 keyEncipherment (RSA), bit 4 keyAgreement (EC); no extension: any use
        if (usage != null && !usage[2] && !usage[4]) {
            throw new Refused("no-encryption", "");
        }
        return chain;
    }

    private static PgpPublicKeyInfo checkedPgpKey(byte[] file, String address, Instant now) {
        List<PgpPublicKeyInfo> keys;
        try {
            keys = PgpPublicKeyInfo.readAll(file, now);
        } catch (PgpException e) {
            throw new Refused("unreadable", "");
        }
        if (keys.size() != 1) {
            throw new Refused("several-keys", "");
        }
        PgpPublicKeyInfo key = keys.getFirst();
        if (key.revoked()) {
            throw new Refused("revoked", "");
        }
        if (key.expires().filter(expiry -> !expiry.isAfter(now)).isPresent()) {
            throw new Refused("expired", day(key.expires().orElseThrow()));
        }
        if (!key.addresses().contains(address)) {
            throw new Refused("wrong-address", String.join(", ", key.addresses()));
        }
        if (!key.canEncrypt()) {
            throw new Refused("no-encryption", "");
        }
        return key;
    }

    /** The day (UTC, ISO 8601) a validity ends or begins: exact enough for the citizen, and clear in both languages. */
    private static String day(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate().toString();
    }
}
