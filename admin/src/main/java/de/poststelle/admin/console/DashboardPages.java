package de.poststelle.admin.console;

import de.poststelle.admin.access.Actor;
import de.poststelle.admin.service.DelegationService;
import de.poststelle.admin.service.TenantService;
import de.poststelle.core.tenant.Tenant;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The start page: my tenants with my roles there, and the delegations granted to me. */
@Controller
class DashboardPages {

    private final TenantService tenants;
    private final DelegationService delegations;

    DashboardPages(TenantService tenants, DelegationService delegations) {
        this.tenants = tenants;
        this.delegations = delegations;
    }

    @GetMapping("/")
    String dashboard(Actor actor, Model model) {
        Map<Long, Tenant> visible = tenants.list(actor).stream()
                .collect(Collectors.toMap(Tenant::id, Function.identity()));
        model.addAttribute("tenants", visible.values().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList());
        model.addAttribute("tenantNames", visible.values().stream()
                .collect(Collectors.toMap(Tenant::id, Tenant::name)));
        model.addAttribute("delegations", delegations.mine(actor));
        return "dashboard";
    }
}
