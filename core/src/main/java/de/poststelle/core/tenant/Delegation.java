package de.poststelle.core.tenant;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A power of attorney (Vollmacht): a tenant lets a service partner's user act in some of its roles
 * for a period. A commissioning delegation (for connecting the tenant) is limited to four weeks;
 * others may be unlimited. A revoked or expired delegation grants nothing from that instant on.
 */
public record Delegation(long id, long tenantId, long granteeUserId, Set<Role> roles, boolean commissioning,
                         Instant validFrom, Optional<Instant> validUntil, String grantedBy, Instant grantedAt,
                         Optional<Instant> revokedAt) {

    public static final Duration MAX_COMMISSIONING = Duration.ofDays(28);

    /** Where a delegation stands at an instant. */
    public enum State { PLANNED, ACTIVE, EXPIRED, REVOKED }

    public Delegation {
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("a delegation must grant at least one role");
        }
        roles = Set.copyOf(EnumSet.copyOf(roles));
        if (validUntil.isPresent() && !validUntil.get().isAfter(validFrom)) {
            throw new IllegalArgumentException("a delegation must end after it starts");
        }
        if (commissioning && (validUntil.isEmpty()
                || Duration.between(validFrom, validUntil.get()).compareTo(MAX_COMMISSIONING) > 0)) {
            throw new IllegalArgumentException("a commissioning delegation lasts at most 4 weeks");
        }
    }

    public boolean activeAt(Instant instant) {
        return revokedAt.map(revoked -> instant.isBefore(revoked)).orElse(true)
                && !instant.isBefore(validFrom)
                && validUntil.map(instant::isBefore).orElse(true);
    }

    public State stateAt(Instant instant) {
        if (revokedAt.isPresent() && !instant.isBefore(revokedAt.get())) {
            return State.REVOKED;
        }
        if (activeAt(instant)) {
            return State.ACTIVE;
        }
        return instant.isBefore(validFrom) ? State.PLANNED : State.EXPIRED;
    }
}
