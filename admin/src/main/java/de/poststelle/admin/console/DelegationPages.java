package de.poststelle.admin.console;

import de.poststelle.admin.access.Actor;
import de.poststelle.admin.service.DelegationService;
import de.poststelle.admin.service.TenantService;
import de.poststelle.core.tenant.Role;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** A tenant's delegations (Vollmachten) to service partners: granted for a period, revoked, listed with their state. */
@Controller
class DelegationPages {

    record GrantForm(@NotBlank String username, @NotEmpty Set<Role> roles, Boolean commissioning, String validFrom,
                     String validUntil) {
    }

    private final DelegationService delegations;
    private final TenantService tenants;

    DelegationPages(DelegationService delegations, TenantService tenants) {
        this.delegations = delegations;
        this.tenants = tenants;
    }

    @GetMapping("/tenants/{tenantId}/delegations")
    String list(Actor actor, @PathVariable long tenantId, Model model) {
        return page(actor, tenantId, model, new GrantForm("", Set.of(), false, "", ""));
    }

    @PostMapping("/tenants/{tenantId}/delegations")
    String grant(Actor actor, @PathVariable long tenantId, @Valid @ModelAttribute("form") GrantForm form,
                 BindingResult result, Model model, RedirectAttributes redirect) {
        Optional<Optional<Instant>> from = Forms.parse(result, "validFrom", form.validFrom(), "invalid.time",
                ConsoleTime::localTime);
        Optional<Optional<Instant>> until = Forms.parse(result, "validUntil", form.validUntil(), "invalid.time",
                ConsoleTime::localTime);
        boolean granted = Forms.attempt(result, "validUntil", () -> delegations.grant(actor, tenantId,
                form.username(), form.roles(), Boolean.TRUE.equals(form.commissioning()), from.orElseThrow(),
                until.orElseThrow())).isPresent();
        if (!granted) {
            return page(actor, tenantId, model, form);
        }
        redirect.addFlashAttribute("notice", "delegations.granted");
        return "redirect:/tenants/" + tenantId + "/delegations";
    }

    @PostMapping("/tenants/{tenantId}/delegations/{id}/revoke")
    String revoke(Actor actor, @PathVariable long tenantId, @PathVariable long id, RedirectAttributes redirect) {
        delegations.revoke(actor, tenantId, id);
        redirect.addFlashAttribute("notice", "delegations.revoked");
        return "redirect:/tenants/" + tenantId + "/delegations";
    }

    private String page(Actor actor, long tenantId, Model model, GrantForm form) {
        model.addAttribute("tenant", tenants.get(actor, tenantId));
        model.addAttribute("delegations", delegations.list(actor, tenantId));
        model.addAttribute("roles", Role.values());
        model.addAttribute("form", form);
        return "delegations";
    }
}
