package de.poststelle.admin.console;

import de.poststelle.admin.access.Actor;
import de.poststelle.admin.service.DelegationService;
import de.poststelle.admin.service.OperatorSettingsService;
import de.poststelle.admin.service.TenantService;
import de.poststelle.core.tenant.OperatorSettings;
import de.poststelle.core.tenant.Permission;
import de.poststelle.core.tenant.Tenant;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The start page: the operator's service desk, terms of use my tenants still have to accept, my
 * tenants with my roles there, and the delegations granted to me.
 */
@Controller
class DashboardPages {

    private final TenantService tenants;
    private final DelegationService delegations;
    private final OperatorSettingsService gatewaySettings;

    DashboardPages(TenantService tenants, DelegationService delegations, OperatorSettingsService gatewaySettings) {
        this.tenants = tenants;
        this.delegations = delegations;
        this.gatewaySettings = gatewaySettings;
    }

    @GetMapping("/")
    String dashboard(Actor actor, Model model) {
        Map<Long, Tenant> visible = tenants.list(actor).stream()
                .collect(Collectors.toMap(Tenant::id, Function.identity()));
        model.addAttribute("tenants", visible.values().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList());
        model.addAttribute("tenantNames", visible.values().stream()
                .collect(Collectors.toMap(Tenant::id, Tenant::name)));
        model.addAttribute("delegations", delegations.mine(actor));
        OperatorSettings settings = gatewaySettings.get(actor);
        model.addAttribute("settings", settings);
        model.addAttribute("termsOutstanding", termsToAccept(actor, settings, visible.values()));
        return "dashboard";
    }

    /** Tenants whose user admin I am and that have not accepted the current terms; operators do not accept terms. */
    private static List<Tenant> termsToAccept(Actor actor, OperatorSettings settings, Collection<Tenant> tenants) {
        if (actor.authority().isOperator()) {
            return List.of();
        }
        return tenants.stream().filter(tenant -> actor.authority().may(Permission.MANAGE_ADMINS, tenant.id()))
                .filter(settings::termsOutstandingFor).sorted(Comparator.comparing(Tenant::name)).toList();
    }
}
