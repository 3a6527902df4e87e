package de.poststelle.admin.console;

import de.poststelle.admin.access.Actor;
import de.poststelle.admin.service.AdminAccountService;
import de.poststelle.admin.service.TenantService;
import de.poststelle.core.tenant.Role;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;
import java.util.Set;

/**
 * A tenant's gateway admins and their roles, kept by its user admin. Initial and reset passwords
 * are shown in the response to the request that made them and nowhere else (no redirect, no
 * session), so they are seen exactly once.
 */
@Controller
class TenantAdminPages {

    record NewAdminForm(@NotBlank @Size(max = 100) String username, @Size(max = 200) String displayName,
                        @Email @Size(max = 320) String email, @NotEmpty Set<Role> roles) {
    }

    /** A password to hand over to its owner, shown on this one response. */
    record HandOver(String username, String password) {
    }

    private final AdminAccountService accounts;
    private final TenantService tenants;

    TenantAdminPages(AdminAccountService accounts, TenantService tenants) {
        this.accounts = accounts;
        this.tenants = tenants;
    }

    @GetMapping("/tenants/{tenantId}/admins")
    String list(Actor actor, @PathVariable long tenantId, Model model) {
        return page(actor, tenantId, model, new NewAdminForm("", "", "", Set.of()));
    }

    @PostMapping("/tenants/{tenantId}/admins")
    String create(Actor actor, @PathVariable long tenantId, @Valid @ModelAttribute("form") NewAdminForm form,
                  BindingResult result, Model model) {
        Forms.attempt(result, "username", () -> accounts.createTenantAdmin(actor, tenantId, form.username(),
                        form.displayName(), form.email(), List.copyOf(form.roles())))
                .ifPresent(account -> model.addAttribute("newPassword",
                        new HandOver(account.user().username(), account.initialPassword())));
        return page(actor, tenantId, model, result.hasErrors() ? form : new NewAdminForm("", "", "", Set.of()));
    }

    @PostMapping("/tenants/{tenantId}/admins/grant")
    String grant(Actor actor, @PathVariable long tenantId, @RequestParam String username, @RequestParam Role role,
                 RedirectAttributes redirect) {
        accounts.grant(actor, tenantId, username, role);
        return backToList(tenantId, "admins.granted", redirect);
    }

    @PostMapping("/tenants/{tenantId}/admins/revoke")
    String revoke(Actor actor, @PathVariable long tenantId, @RequestParam String username, @RequestParam Role role,
                  RedirectAttributes redirect) {
        accounts.revoke(actor, tenantId, username, role);
        return backToList(tenantId, "admins.revoked", redirect);
    }

    @PostMapping("/tenants/{tenantId}/admins/reset-password")
    String resetPassword(Actor actor, @PathVariable long tenantId, @RequestParam String username, Model model) {
        String password = accounts.resetPassword(actor, tenantId, username);
        model.addAttribute("newPassword", new HandOver(username, password));
        return page(actor, tenantId, model, new NewAdminForm("", "", "", Set.of()));
    }

    private static String backToList(long tenantId, String notice, RedirectAttributes redirect) {
        redirect.addFlashAttribute("notice", notice);
        return "redirect:/tenants/" + tenantId + "/admins";
    }

    private String page(Actor actor, long tenantId, Model model, NewAdminForm form) {
        model.addAttribute("tenant", tenants.get(actor, tenantId));
        model.addAttribute("admins", accounts.adminsOf(actor, tenantId));
        model.addAttribute("roles", Role.values());
        model.addAttribute("form", form);
        return "admins";
    }
}
