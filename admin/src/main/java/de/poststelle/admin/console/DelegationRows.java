package de.poststelle.admin.console;

import de.poststelle.core.tenant.AdminUser;
import de.poststelle.core.tenant.Delegation;
import de.poststelle.store.tenant.AdminUserRepository;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Delegations as the pages list them: with the grantee's name and the state at this moment. The
 * services have already decided which delegations the user may see; this only adds names.
 */
@Component
class DelegationRows {

    enum State { PLANNED, ACTIVE, EXPIRED, REVOKED }

    record DelegationView(Delegation delegation, String grantee, State state) {
    }

    private final AdminUserRepository users;
    private final Clock clock;

    DelegationRows(AdminUserRepository users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    List<DelegationView> of(List<Delegation> delegations) {
        Instant now = clock.instant();
        return delegations.stream().map(d -> new DelegationView(d,
                users.find(d.granteeUserId()).map(AdminUser::username).orElse("#" + d.granteeUserId()),
                stateAt(d, now))).toList();
    }

    private static State stateAt(Delegation delegation, Instant now) {
        if (delegation.revokedAt().isPresent() && !now.isBefore(delegation.revokedAt().get())) {
            return State.REVOKED;
        }
        if (delegation.activeAt(now)) {
            return State.ACTIVE;
        }
        return now.isBefore(delegation.validFrom()) ? State.PLANNED : State.EXPIRED;
    }
}
