package de.poststelle.admin.api;

import de.poststelle.core.tenant.ChangeRequest;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/** A change request for one of the standard scenarios; {@code tenantId} is null for a new tenant. */
public record ChangeRequestDto(long id, Long tenantId, ChangeRequest.Scenario scenario, ChangeRequest.State state,
                               String description, String requestedBy, Instant requestedAt, String handledBy,
                               Instant updatedAt, String note) {

    /** Files a request; {@code tenantId} may only be left out for {@code NEW_TENANT}. */
    public record Filing(Long tenantId, @NotNull ChangeRequest.Scenario scenario,
                         @NotBlank @Size(max = 4000) String description) {
    }

    /** Moves a request to its next state, with an optional note for the requester. */
    public record Move(@NotNull ChangeRequest.State state, @Size(max = 4000) String note) {
    }

    static ChangeRequestDto from(ChangeRequest request) {
        return new ChangeRequestDto(request.id(), request.tenantId().orElse(null), request.scenario(), request.state(),
                request.description(), request.requestedBy(), request.requestedAt(),
                request.handledBy().orElse(null), request.updatedAt(), request.note());
    }
}
