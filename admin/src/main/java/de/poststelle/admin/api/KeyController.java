package de.poststelle.admin.api;

import de.poststelle.admin.KeyFileDownload;
import de.poststelle.admin.access.Actor;
import de.poststelle.admin.service.KeyService;
import de.poststelle.core.MailAddress;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** A tenant's keys and certificates: list, import, generate with CSR, install the certificate, approve, revoke, export. */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/keys")
class KeyController {

    private final KeyService keys;

    KeyController(KeyService keys) {
        this.keys = keys;
    }

    @GetMapping
    List<KeyDto> listKeys(Actor actor, @PathVariable long tenantId) {
        return keys.list(actor, tenantId).stream().map(KeyDto::from).toList();
    }

    @GetMapping("/{keyId}")
    KeyDto getKey(Actor actor, @PathVariable long tenantId, @PathVariable long keyId) {
        return KeyDto.from(keys.get(actor, tenantId, keyId));
    }

    /** Answers the keys the file added: one, or several for a CA bundle. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    List<KeyDto> importKey(Actor actor, @PathVariable long tenantId, @Valid @RequestBody KeyDto.Upload upload) {
        return keys.importFile(actor, tenantId, upload.type(), base64(upload.content()),
                        Optional.ofNullable(upload.password()), address(upload.owner())).stream()
                .map(key -> KeyDto.from(keys.get(actor, tenantId, key.id()))).toList();
    }

    @PostMapping("/generate")
    @ResponseStatus(HttpStatus.CREATED)
    KeyDto generateKey(Actor actor, @PathVariable long tenantId, @Valid @RequestBody KeyDto.Generate request) {
        return KeyDto.from(new KeyService.KeyView(keys.generate(actor, tenantId, request.algorithm(),
                request.commonName(), address(request.owner())), Optional.empty()));
    }

    @GetMapping("/{keyId}/csr")
    ResponseEntity<byte[]> downloadCsr(Actor actor, @PathVariable long tenantId, @PathVariable long keyId) {
        return KeyFileDownload.of(keys.csr(actor, tenantId, keyId));
    }

    @PutMapping("/{keyId}/certificate")
    KeyDto installCertificate(Actor actor, @PathVariable long tenantId, @PathVariable long keyId,
                              @Valid @RequestBody KeyDto.Certificate certificate) {
        keys.installCertificate(actor, tenantId, keyId, base64(certificate.content()));
        return KeyDto.from(keys.get(actor, tenantId, keyId));
    }

    @PutMapping("/{keyId}/approval")
    KeyDto decideKey(Actor actor, @PathVariable long tenantId, @PathVariable long keyId,
                     @Valid @RequestBody KeyDto.DecisionRequest request) {
        keys.decide(actor, tenantId, keyId, request.decision());
        return KeyDto.from(keys.get(actor, tenantId, keyId));
    }

    @PostMapping("/{keyId}/revoke")
    KeyDto revokeKey(Actor actor, @PathVariable long tenantId, @PathVariable long keyId) {
        keys.revoke(actor, tenantId, keyId);
        return KeyDto.from(keys.get(actor, tenantId, keyId));
    }

    @GetMapping("/{keyId}/public")
    ResponseEntity<byte[]> exportPublic(Actor actor, @PathVariable long tenantId, @PathVariable long keyId) {
        return KeyFileDownload.of(keys.exportPublic(actor, tenantId, keyId));
    }

    private static byte[] base64(String content) {
        try {
            return Base64.getMimeDecoder().decode(content);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("content must be the file in Base64");
        }
    }

    private static Optional<MailAddress> address(String owner) {
        return owner == null || owner.isBlank() ? Optional.empty() : Optional.of(MailAddress.parse(owner));
    }
}
