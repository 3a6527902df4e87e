package de.poststelle.admin.api;

import de.poststelle.core.tenant.AuditEntry;

import java.time.Instant;

/** One audit log entry; {@code delegationId} names the delegation an action was taken through. */
public record AuditEntryDto(long id, Instant at, String actor, String remoteAddress, Long tenantId, String action,
                            String target, String details, Long delegationId) {

    static AuditEntryDto from(AuditEntry entry) {
        return new AuditEntryDto(entry.id(), entry.at(), entry.actor(), entry.remoteAddress(),
                entry.tenantId().orElse(null), entry.action(), entry.target(), entry.details(),
                entry.delegationId().orElse(null));
    }
}
