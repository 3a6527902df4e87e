package de.poststelle.admin.api;

import de.poststelle.admin.service.DelegationService;
import de.poststelle.core.tenant.Delegation;
import de.poststelle.core.tenant.Role;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.Set;

/**
 * A delegation (Vollmacht) as the API shows it. {@code active} says whether it grants its roles at
 * the moment of the answer; {@code validUntil} null means unlimited.
 */
public record DelegationDto(long id, long tenantId, String grantee, Set<Role> roles, boolean commissioning,
                            Instant validFrom, Instant validUntil, String grantedBy, Instant grantedAt,
                            Instant revokedAt, boolean active) {

    /**
     * @param commissioning null means false
     * @param validFrom     null means now
     * @param validUntil    null means unlimited, which a commissioning delegation may not be
     */
    public record NewDelegation(@NotBlank @Size(max = 100) String grantee, @NotEmpty Set<@NotNull Role> roles,
                          Boolean commissioning, Instant validFrom, Instant validUntil) {

        boolean isCommissioning() {
            return Boolean.TRUE.equals(commissioning);
        }
    }

    static DelegationDto from(DelegationService.Listed listed) {
        Delegation delegation = listed.delegation();
        return new DelegationDto(delegation.id(), delegation.tenantId(), listed.grantee(), delegation.roles(),
                delegation.commissioning(), delegation.validFrom(), delegation.validUntil().orElse(null),
                delegation.grantedBy(), delegation.grantedAt(), delegation.revokedAt().orElse(null),
                listed.state() == Delegation.State.ACTIVE);
    }
}
