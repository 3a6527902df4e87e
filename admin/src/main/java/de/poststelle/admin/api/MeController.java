package de.poststelle.admin.api;

import de.poststelle.admin.access.Actor;
import de.poststelle.admin.service.AdminAccountService;
import de.poststelle.admin.service.DelegationService;
import de.poststelle.core.tenant.Authority;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The logged-in admin: who am I, what may I do, which delegations do I hold, change my password. */
@RestController
@RequestMapping("/api/v1/me")
class MeController {

    private final DelegationService delegations;
    private final AdminAccountService accounts;
    MeController(DelegationService delegations, AdminAccountService accounts) {
        this.delegations = delegations;
        this.accounts = accounts;
    }

    @GetMapping
    MeDto me(Actor actor) {
        Authority authority = actor.authority();
        List<MeDto.TenantRoles> tenants = authority.tenantIds().stream()
                .map(id -> new MeDto.TenantRoles(id, authority.roles(id))).toList();
        List<DelegationDto> active = myDelegations(actor).stream().filter(DelegationDto::active).toList();
        return new MeDto(actor.username(), authority.user().displayName(), authority.isOperator(), tenants, active);
    }

    /** All delegations granted to me, also expired and revoked ones, so I see until when I may act. */
    @GetMapping("/delegations")
    List<DelegationDto> myDelegations(Actor actor) {
        return delegations.mine(actor).stream().map(DelegationDto::from).toList();
    }

    @PutMapping("/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void changeOwnPassword(Actor actor, @Valid @RequestBody AccountDto.PasswordChange change) {
        accounts.changeOwnPassword(actor, change.currentPassword(), change.newPassword());
    }
}
