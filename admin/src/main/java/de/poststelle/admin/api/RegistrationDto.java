package de.poststelle.admin.api;

import de.poststelle.core.tenant.AuthorityRegistration;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

/** An authority's request to use the gateway actively; {@code tenantId} names the tenant its approval created. */
public record RegistrationDto(long id, String reference, AuthorityRegistration.State state, String authorityName,
                              String contactPerson, String contactEmail, String phone, List<String> domains,
                              String mailServer, String remark, Instant submittedAt, String decidedBy,
                              Instant decidedAt, String reason, Long tenantId) {

    /** Approves; without {@code tenantName} the tenant is named as the authority called itself. */
    public record RegistrationApproval(@Size(max = 200) String tenantName) {
    }

    /** Rejects; the reason goes to the requester by mail. */
    public record RegistrationRejection(@NotBlank @Size(max = 2000) String reason) {
    }

    static RegistrationDto from(AuthorityRegistration registration) {
        AuthorityRegistration.Request request = registration.request();
        return new RegistrationDto(registration.id(), registration.reference(), registration.state(),
                request.authorityName(), request.contactPerson(), request.contactEmail(), request.phone(),
                request.domains(), request.mailServer(), request.remark(), registration.submittedAt(),
                registration.decidedBy().orElse(null), registration.decidedAt().orElse(null), registration.reason(),
                registration.tenantId().orElse(null));
    }
}
