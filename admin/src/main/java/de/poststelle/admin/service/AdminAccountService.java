package de.poststelle.admin.service;

import de.poststelle.admin.access.AccessControl;
import de.poststelle.admin.access.Actor;
import de.poststelle.admin.access.AuditTrail;
import de.poststelle.admin.access.ConflictException;
import de.poststelle.admin.access.ForbiddenException;
import de.poststelle.admin.access.NotFoundException;
import de.poststelle.core.tenant.AdminUser;
import de.poststelle.core.tenant.Permission;
import de.poststelle.core.tenant.Role;
import de.poststelle.core.tenant.RoleGrant;
import de.poststelle.store.tenant.AdminUserRepository;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.annotation.Transactional;

import java.security.SecureRandom;
import java.util.List;

/**
 * Gateway admin accounts and their roles. A tenant's user admin creates admins for the tenant and
 * grants them roles there; operators also create operators. A new account gets a random initial
 * password that is shown once to whoever created it.
 */
@Transactional
public class AdminAccountService {

    /** A new account and its initial password, which is stored only as a hash. */
    public record NewAccount(AdminUser user, String initialPassword) {
    }

    /** A tenant's admin with the roles it holds there for good (delegations are listed separately). */
    public record TenantAdmin(AdminUser user, List<Role> roles) {
    }

    private static final String PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AdminUserRepository users;
    private final PasswordEncoder passwords;
    private final AccessControl access;
    private final AuditTrail audit;

    public AdminAccountService(AdminUserRepository users, PasswordEncoder passwords, AccessControl access,
                               AuditTrail audit) {
        this.users = users;
        this.passwords = passwords;
        this.access = access;
        this.audit = audit;
    }

    /** A password of 20 characters from an unambiguous alphabet (about 116 bits). */
    public static String randomPassword() {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(PASSWORD_ALPHABET.charAt(RANDOM.nextInt(PASSWORD_ALPHABET.length())));
        }
        return password.toString();
    }

    @Transactional(readOnly = true)
    public List<TenantAdmin> adminsOf(Actor actor, long tenantId) {
        access.require(actor, Permission.VIEW_TENANT, tenantId);
        List<RoleGrant> grants = users.grantsIn(tenantId);
        return grants.stream().map(RoleGrant::userId).distinct()
                .map(id -> new TenantAdmin(users.find(id).orElseThrow(),
                        grants.stream().filter(g -> g.userId() == id).map(RoleGrant::role).toList()))
                .toList();
    }

    @Transactional(readOnly = true)
    public List<AdminUser> all(Actor actor) {
        access.requireOperator(actor);
        return users.all();
    }

    /** Creates an admin of a tenant holding the given roles there. */
    public NewAccount createTenantAdmin(Actor actor, long tenantId, String username, String displayName, String email,
                                        List<Role> roles) {
        access.require(actor, Permission.MANAGE_ADMINS, tenantId);
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("a tenant admin needs at least one role");
        }
        NewAccount account = create(username, displayName, email, false);
        roles.forEach(role -> users.grant(new RoleGrant(account.user().id(), tenantId, role)));
        audit.record(actor, tenantId, Permission.MANAGE_ADMINS, "admin.create", account.user().username(),
                "roles " + roles);
        return account;
    }

    public NewAccount createOperator(Actor actor, String username, String displayName, String email) {
        access.requireOperator(actor);
        NewAccount account = create(username, displayName, email, true);
        audit.record(actor, "operator.create", account.user().username(), "");
        return account;
    }

    /** Grants an existing account a role in the tenant, e.g. an admin who already works for another tenant. */
    public void grant(Actor actor, long tenantId, String username, Role role) {
        access.require(actor, Permission.MANAGE_ADMINS, tenantId);
        AdminUser user = existing(username);
        if (users.grant(new RoleGrant(user.id(), tenantId, role))) {
            audit.record(actor, tenantId, Permission.MANAGE_ADMINS, "role.grant", user.username(), role.name());
        }
    }

    public void revoke(Actor actor, long tenantId, String username, Role role) {
        access.require(actor, Permission.MANAGE_ADMINS, tenantId);
        AdminUser user = existing(username);
        if (!users.revoke(new RoleGrant(user.id(), tenantId, role))) {
            throw new NotFoundException(user.username() + " does not hold " + role + " in this tenant");
        }
        audit.record(actor, tenantId, Permission.MANAGE_ADMINS, "role.revoke", user.username(), role.name());
    }

    /** Sets a new random password; a tenant's user admin may do this for admins of that tenant only. */
    public String resetPassword(Actor actor, long tenantId, String username) {
        access.require(actor, Permission.MANAGE_ADMINS, tenantId);
        AdminUser user = existing(username);
        boolean ownAdmin = users.grantsOf(user.id()).stream().allMatch(g -> g.tenantId() == tenantId);
        if (user.operator() || !ownAdmin && !actor.authority().isOperator()) {
            throw new ForbiddenException("this account also works for other tenants; ask an operator");
        }
        String password = randomPassword();
        users.setPasswordHash(user.id(), passwords.encode(password));
        audit.record(actor, tenantId, Permission.MANAGE_ADMINS, "admin.reset-password", user.username(), "");
        return password;
    }

    /** Lets an admin change the own password after proving the current one. */
    public void changeOwnPassword(Actor actor, String currentPassword, String newPassword) {
        AdminUserRepository.Credentials credentials = users.credentials(actor.username()).orElseThrow();
        if (!passwords.matches(currentPassword, credentials.passwordHash())) {
            throw new IllegalArgumentException("the current password is wrong");
        }
        if (newPassword == null || newPassword.length() < 12 || newPassword.length() > 200) {
            throw new IllegalArgumentException("a password needs 12 to 200 characters");
        }
        users.setPasswordHash(credentials.user().id(), passwords.encode(newPassword));
        audit.record(actor, "admin.change-own-password", actor.username(), "");
    }

    private NewAccount create(String username, String displayName, String email, boolean operator) {
        String name = AdminUser.normalizeUsername(username);
        if (users.findByUsername(name).isPresent()) {
            throw new ConflictException("user name " + name + " is taken");
        }
        String password = randomPassword();
        AdminUser user = users.create(name, displayName == null ? "" : displayName, email == null ? "" : email,
                operator, passwords.encode(password));
        return new NewAccount(user, password);
    }

    private AdminUser existing(String username) {
        return users.findByUsername(username).orElseThrow(() -> new NotFoundException("no user " + username));
    }
}
