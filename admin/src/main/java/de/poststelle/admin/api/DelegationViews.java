package de.poststelle.admin.api;

import de.poststelle.core.tenant.AdminUser;
import de.poststelle.core.tenant.Delegation;
import de.poststelle.store.tenant.AdminUserRepository;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Turns delegations the caller was allowed to read into answers: the grantee by user name (the
 * name admins know, not the internal id) and whether each is active now.
 */
@Component
class DelegationViews {

    private final AdminUserRepository users;
    private final Clock clock;

    DelegationViews(AdminUserRepository users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    List<DelegationDto> of(List<Delegation> delegations) {
        Instant now = clock.instant();
        return delegations.stream().map(delegation -> of(delegation, now)).toList();
    }

    DelegationDto of(Delegation delegation) {
        return of(delegation, clock.instant());
    }

    private DelegationDto of(Delegation delegation, Instant now) {
        String grantee = users.find(delegation.granteeUserId()).map(AdminUser::username).orElse("");
        return DelegationDto.from(delegation, grantee, now);
    }
}
