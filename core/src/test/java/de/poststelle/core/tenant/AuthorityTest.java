package de.poststelle.core.tenant;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuthorityTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final long TENANT = 1;
    private static final long OTHER = 2;

    private final AdminUser clerk = new AdminUser(10, "k.meier", "", "", false, true);
    private final AdminUser partner = new AdminUser(11, "dienstleister", "", "", false, true);

    @Test
    void eachTenantRoleAllowsExactlyItsOwnWork() {
        for (Role role : Role.values()) {
            Authority authority = Authority.of(clerk, List.of(new RoleGrant(clerk.id(), TENANT, role)), List.of(), NOW);
            for (Permission permission : Permission.values()) {
                boolean expected = permission == Permission.VIEW_TENANT || permission.role().equals(Optional.of(role));
                assertThat(authority.may(permission, TENANT)).as(role + " " + permission).isEqualTo(expected);
                assertThat(authority.may(permission, OTHER)).as(role + " " + permission + " elsewhere").isFalse();
            }
        }
    }

    @Test
    void operatorsMayEverythingEverywhereUnlessDisabled() {
        AdminUser operator = new AdminUser(1, "admin", "", "", true, true);
        for (Permission permission : Permission.values()) {
            assertThat(Authority.of(operator, List.of(), List.of(), NOW).may(permission, OTHER)).isTrue();
            assertThat(Authority.of(new AdminUser(1, "admin", "", "", true, false), List.of(), List.of(), NOW)
                    .may(permission, OTHER)).isFalse();
        }
    }

    @Test
    void aDisabledAccountHoldsNoRoles() {
        AdminUser disabled = new AdminUser(10, "k.meier", "", "", false, false);
        Authority authority = Authority.of(disabled, List.of(new RoleGrant(10, TENANT, Role.USER_ADMIN)), List.of(), NOW);

        assertThat(authority.tenantIds()).isEmpty();
        assertThat(authority.may(Permission.VIEW_TENANT, TENANT)).isFalse();
    }

    @Test
    void aDelegationGrantsItsRolesOnlyWhileItRunsAndIsNamedForAudit() {
        Delegation delegation = new Delegation(7, TENANT, partner.id(), Set.of(Role.ACCOUNT_ADMIN), false,
                NOW.minus(Duration.ofDays(1)), Optional.of(NOW.plus(Duration.ofHours(1))), "k.meier", NOW,
                Optional.empty());

        Authority during = Authority.of(partner, List.of(), List.of(delegation), NOW);
        assertThat(during.may(Permission.MANAGE_MAPPINGS, TENANT)).isTrue();
        assertThat(during.may(Permission.MANAGE_DELIVERY, TENANT)).isFalse();
        assertThat(during.delegationUsedFor(Permission.MANAGE_MAPPINGS, TENANT)).contains(7L);
        assertThat(during.delegationUsedFor(Permission.VIEW_TENANT, TENANT)).contains(7L);

        Authority after = Authority.of(partner, List.of(), List.of(delegation), NOW.plus(Duration.ofHours(1)));
        assertThat(after.may(Permission.VIEW_TENANT, TENANT)).isFalse();
        Authority before = Authority.of(partner, List.of(), List.of(delegation), NOW.minus(Duration.ofDays(2)));
        assertThat(before.may(Permission.VIEW_TENANT, TENANT)).isFalse();
    }

    @Test
    void aRevokedDelegationStopsAtTheInstantOfRevocation() {
        Delegation revoked = new Delegation(8, TENANT, partner.id(), Set.of(Role.TECHNICAL_ADMIN), false,
                NOW.minus(Duration.ofDays(1)), Optional.empty(), "k.meier", NOW, Optional.of(NOW));

        assertThat(Authority.of(partner, List.of(), List.of(revoked), NOW.minusSeconds(1))
                .may(Permission.MANAGE_DELIVERY, TENANT)).isTrue();
        assertThat(Authority.of(partner, List.of(), List.of(revoked), NOW)
                .may(Permission.MANAGE_DELIVERY, TENANT)).isFalse();
    }

    @Test
    void aDelegationIsPlannedThenActiveThenExpiredOrRevoked() {
        Delegation delegation = new Delegation(5, TENANT, partner.id(), Set.of(Role.ACCOUNT_ADMIN), true, NOW,
                Optional.of(NOW.plus(Duration.ofDays(7))), "k.meier", NOW, Optional.empty());

        assertThat(delegation.stateAt(NOW.minusSeconds(1))).isEqualTo(Delegation.State.PLANNED);
        assertThat(delegation.stateAt(NOW)).isEqualTo(Delegation.State.ACTIVE);
        assertThat(delegation.stateAt(NOW.plus(Duration.ofDays(7)))).isEqualTo(Delegation.State.EXPIRED);
        Delegation revoked = new Delegation(5, TENANT, partner.id(), Set.of(Role.ACCOUNT_ADMIN), true, NOW,
                Optional.of(NOW.plus(Duration.ofDays(7))), "k.meier", NOW, Optional.of(NOW.plus(Duration.ofDays(1))));
        assertThat(revoked.stateAt(NOW.plus(Duration.ofDays(2)))).isEqualTo(Delegation.State.REVOKED);
    }

    @Test
    void ownRolesAreNotAttributedToADelegation() {
        Delegation delegation = new Delegation(9, TENANT, clerk.id(), Set.of(Role.ACCOUNT_ADMIN), false,
                NOW.minusSeconds(1), Optional.empty(), "x", NOW, Optional.empty());
        Authority authority = Authority.of(clerk, List.of(new RoleGrant(clerk.id(), TENANT, Role.ACCOUNT_ADMIN)),
                List.of(delegation), NOW);

        assertThat(authority.delegationUsedFor(Permission.MANAGE_MAPPINGS, TENANT)).isEmpty();
    }

    @Test
    void aCommissioningDelegationLastsAtMostFourWeeks() {
        assertThatThrownBy(() -> new Delegation(0, TENANT, partner.id(), Set.of(Role.USER_ADMIN), true, NOW,
                Optional.of(NOW.plus(Duration.ofDays(28)).plusSeconds(1)), "x", NOW, Optional.empty()))
                .hasMessageContaining("at most 4 weeks");
        assertThatThrownBy(() -> new Delegation(0, TENANT, partner.id(), Set.of(Role.USER_ADMIN), true, NOW,
                Optional.empty(), "x", NOW, Optional.empty()))
                .hasMessageContaining("at most 4 weeks");
        assertThat(new Delegation(0, TENANT, partner.id(), Set.of(Role.USER_ADMIN), true, NOW,
                Optional.of(NOW.plus(Duration.ofDays(28))), "x", NOW, Optional.empty()).commissioning()).isTrue();
        assertThat(new Delegation(0, TENANT, partner.id(), Set.of(Role.USER_ADMIN), false, NOW,
                Optional.empty(), "x", NOW, Optional.empty()).validUntil()).isEmpty();
    }

    @Test
    void changeRequestsMoveForwardOnly() {
        assertThat(ChangeRequest.State.OPEN.canMoveTo(ChangeRequest.State.IN_PROGRESS)).isTrue();
        assertThat(ChangeRequest.State.IN_PROGRESS.canMoveTo(ChangeRequest.State.DONE)).isTrue();
        assertThat(ChangeRequest.State.DONE.canMoveTo(ChangeRequest.State.OPEN)).isFalse();
        assertThat(ChangeRequest.State.REJECTED.canMoveTo(ChangeRequest.State.IN_PROGRESS)).isFalse();
        assertThat(ChangeRequest.State.IN_PROGRESS.canMoveTo(ChangeRequest.State.OPEN)).isFalse();
    }
}
