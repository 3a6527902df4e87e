package de.poststelle.admin.api;

import de.poststelle.admin.service.KeyService;
import de.poststelle.crypto.keys.CsrGenerator;
import de.poststelle.store.keys.Approval;
import de.poststelle.store.keys.Decision;
import de.poststelle.store.keys.KeyKind;
import de.poststelle.store.keys.KeySource;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

/**
 * A key or certificate of a tenant as the API shows it. For certificates: subject, issuer, serial,
 * validity, SHA-256 fingerprint and the trust verdict; for OpenPGP keys: the user ids (subject),
 * created and expires (notBefore, notAfter), fingerprint and the approval with who decided when.
 */
public record KeyDto(long id, KeyKind kind, List<String> addresses, String subject, String issuer, String serial,
                     Instant notBefore, Instant notAfter, String fingerprint, KeySource source,
                     boolean hasPrivateKey, boolean awaitingCertificate, Boolean trusted, String trustReason,
                     Approval approval, String decidedBy, Instant decidedAt, boolean revoked, String revokedBy,
                     Instant revokedAt, String createdBy, Instant createdAt) {

    /**
     * An upload: the file Base64-encoded; password for PKCS#12, or the passphrase of an OpenPGP
     * secret key; owner: the sender an own key (PKCS#12, OpenPGP secret key) belongs to.
     */
    public record Upload(@NotNull KeyService.FileType type, @NotBlank String content, String password,
                         @Size(max = 254) String owner) {
    }

    public record Generate(@NotNull CsrGenerator.Algorithm algorithm, @NotBlank @Size(max = 200) String commonName,
                           @Size(max = 254) String owner) {
    }

    /** The certificate the CA issued (PEM or DER, Base64-encoded). */
    public record Certificate(@NotBlank String content) {
    }

    public record DecisionRequest(@NotNull Approval decision) {
    }

    static KeyDto from(KeyService.KeyView view) {
        var key = view.key();
        var d = key.description();
        return new KeyDto(key.id(), key.kind(), key.addresses(), d.subject(), d.issuer(), d.serial(),
                d.notBefore().orElse(null), d.notAfter().orElse(null), d.fingerprint().orElse(null), key.source(),
                key.hasPrivateKey(), key.csr().isPresent() && key.publicData().isEmpty(),
                view.trust().map(verdict -> verdict.trusted()).orElse(null),
                view.trust().map(verdict -> verdict.reason()).orElse(null), key.approval().orElse(null),
                key.decision().map(Decision::by).orElse(null), key.decision().map(Decision::at).orElse(null),
                key.revoked(), key.revocation().map(Decision::by).orElse(null),
                key.revocation().map(Decision::at).orElse(null), key.created().by(), key.created().at());
    }
}
