package de.poststelle.admin.api;

import de.poststelle.admin.access.Actor;
import de.poststelle.admin.service.AdminAccountService;
import de.poststelle.core.tenant.Role;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Gateway admin accounts: a tenant's user admin manages the tenant's admins and their roles there;
 * operators see all accounts and create operators. New and reset passwords are answered once.
 */
@RestController
@RequestMapping("/api/v1")
class AdminAccountController {

    private final AdminAccountService accounts;

    AdminAccountController(AdminAccountService accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/admins")
    List<AccountDto> listAccounts(Actor actor) {
        return accounts.all(actor).stream().map(AccountDto::from).toList();
    }

    @PostMapping("/operators")
    @ResponseStatus(HttpStatus.CREATED)
    AccountDto.Created createOperator(Actor actor, @Valid @RequestBody AccountDto.OperatorRequest request) {
        return AccountDto.Created.from(accounts.createOperator(actor, request.username(), request.displayName(),
                request.email()));
    }

    @GetMapping("/tenants/{tenantId}/admins")
    List<AccountDto.TenantAdmin> listTenantAdmins(Actor actor, @PathVariable long tenantId) {
        return accounts.adminsOf(actor, tenantId).stream().map(AccountDto.TenantAdmin::from).toList();
    }

    @PostMapping("/tenants/{tenantId}/admins")
    @ResponseStatus(HttpStatus.CREATED)
    AccountDto.Created createTenantAdmin(Actor actor, @PathVariable long tenantId,
                                         @Valid @RequestBody AccountDto.TenantAdminRequest request) {
        return AccountDto.Created.from(accounts.createTenantAdmin(actor, tenantId, request.username(),
                request.displayName(), request.email(), request.roles()));
    }

    /** Grants a role in the tenant, also to an account that already works for another tenant. */
    @PutMapping("/tenants/{tenantId}/admins/{username}/roles/{role}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void grantRole(Actor actor, @PathVariable long tenantId, @PathVariable String username, @PathVariable Role role) {
        accounts.grant(actor, tenantId, username, role);
    }

    @DeleteMapping("/tenants/{tenantId}/admins/{username}/roles/{role}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revokeRole(Actor actor, @PathVariable long tenantId, @PathVariable String username, @PathVariable Role role) {
        accounts.revoke(actor, tenantId, username, role);
    }

    @PostMapping("/tenants/{tenantId}/admins/{username}/password-reset")
    AccountDto.NewPassword resetPassword(Actor actor, @PathVariable long tenantId, @PathVariable String username) {
        return new AccountDto.NewPassword(accounts.resetPassword(actor, tenantId, username));
    }
}
