package de.poststelle.admin.api;

import de.poststelle.admin.service.AdminAccountService;
import de.poststelle.core.tenant.AdminUser;
import de.poststelle.core.tenant.Role;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** A gateway admin account as the API shows it: never its password hash or TOTP secret. */
public record AccountDto(String username, String displayName, String email, boolean operator, boolean enabled) {

    /** A new operator account. */
    public record OperatorRequest(@NotBlank @Size(max = 100) String username, @Size(max = 200) String displayName,
                                  @Email @Size(max = 320) String email) {
    }

    /** A new tenant admin needs at least one role. */
    public record TenantAdminRequest(@NotBlank @Size(max = 100) String username, @Size(max = 200) String displayName,
                                     @Email @Size(max = 320) String email, @NotEmpty List<@NotNull Role> roles) {
    }

    /** A tenant's admin with the roles it holds there for good. */
    public record TenantAdmin(String username, String displayName, String email, List<Role> roles) {

        static TenantAdmin from(AdminAccountService.TenantAdmin admin) {
            AdminUser user = admin.user();
            return new TenantAdmin(user.username(), user.displayName(), user.email(), admin.roles());
        }
    }

    /** The answer to creating an account: the initial password is shown this once and stored only as a hash. */
    public record Created(String username, String initialPassword) {

        static Created from(AdminAccountService.NewAccount account) {
            return new Created(account.user().username(), account.initialPassword());
        }
    }

    /** A new random password after a reset, shown this once. */
    public record NewPassword(String password) {
    }

    public record PasswordChange(@NotBlank String currentPassword, @NotBlank @Size(min = 12, max = 200) String newPassword) {
    }

    static AccountDto from(AdminUser user) {
        return new AccountDto(user.username(), user.displayName(), user.email(), user.operator(), user.enabled());
    }
}
