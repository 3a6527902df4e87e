package de.poststelle.admin.console;

import de.poststelle.admin.access.Actor;
import de.poststelle.admin.service.ClusterService;
import de.poststelle.admin.service.DomainService;
import de.poststelle.admin.service.OperatorSettingsService;
import de.poststelle.admin.service.TenantService;
import de.poststelle.core.TlsMode;
import de.poststelle.core.tenant.DomainKind;
import de.poststelle.core.tenant.SendDirection;
import de.poststelle.core.tenant.TenantDomain;
import de.poststelle.core.tenant.UnmappedPolicy;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A tenant's domains. The operator creates them and keeps kind, cluster, direction and allowed
 * senders; the tenant's technical admin keeps the receiving server and the unmapped policy.
 */
@Controller
class DomainPages {

    private final DomainService domains;
    private final TenantService tenants;
    private final ClusterService clusters;
    private final OperatorSettingsService gatewaySettings;

    DomainPages(DomainService domains, TenantService tenants, ClusterService clusters,
                OperatorSettingsService gatewaySettings) {
        this.domains = domains;
        this.tenants = tenants;
        this.clusters = clusters;
        this.gatewaySettings = gatewaySettings;
    }

    /** The choices of the domain forms' selects. */
    @ModelAttribute
    void choices(Model model) {
        model.addAttribute("kinds", DomainKind.values());
        model.addAttribute("directions", SendDirection.values());
        model.addAttribute("tlsModes", TlsMode.values());
        model.addAttribute("policies", UnmappedPolicy.values());
    }

    @GetMapping("/tenants/{tenantId}/domains/new")
    String newDomain(Actor actor, @PathVariable long tenantId, Model model) {
        return createPage(actor, tenantId, model,
                DomainForm.empty(gatewaySettings.get(actor).defaultCluster().orElse("")));
    }

    @PostMapping("/tenants/{tenantId}/domains")
    String create(Actor actor, @PathVariable long tenantId, @ModelAttribute("form") DomainForm form,
                  BindingResult result, Model model, RedirectAttributes redirect) {
        Optional<DomainService.OperatorSettings> operator = form.operatorSettings(result);
        Optional<DomainService.DeliverySettings> delivery = form.deliverySettings(result);
        Optional<TenantDomain> created = Forms.attempt(result, null,
                () -> domains.create(actor, tenantId, form.name(), operator.orElseThrow(), delivery.orElseThrow()));
        if (created.isEmpty()) {
            return createPage(actor, tenantId, model, form);
        }
        redirect.addFlashAttribute("notice", "domain.created");
        return "redirect:/tenants/" + tenantId;
    }

    @GetMapping("/domains/{name}")
    String edit(Actor actor, @PathVariable String name, Model model) {
        TenantDomain domain = domains.get(actor, name);
        return editPage(actor, domain, model, DomainForm.of(domain), DomainForm.of(domain));
    }

    @PostMapping("/domains/{name}/operator")
    String updateOperatorSettings(Actor actor, @PathVariable String name,
                                  @ModelAttribute("operatorForm") DomainForm form, BindingResult result, Model model,
                                  RedirectAttributes redirect) {
        TenantDomain domain = domains.get(actor, name);
        Optional<DomainService.OperatorSettings> settings = form.operatorSettings(result);
        return savedOrShown(result, () -> domains.updateOperatorSettings(actor, name, settings.orElseThrow()),
                redirect, () -> editPage(actor, domain, model, form, DomainForm.of(domain)));
    }

    @PostMapping("/domains/{name}/delivery")
    String updateDeliverySettings(Actor actor, @PathVariable String name,
                                  @ModelAttribute("deliveryForm") DomainForm form, BindingResult result, Model model,
                                  RedirectAttributes redirect) {
        TenantDomain domain = domains.get(actor, name);
        Optional<DomainService.DeliverySettings> settings = form.deliverySettings(result);
        return savedOrShown(result, () -> domains.updateDeliverySettings(actor, name, settings.orElseThrow()),
                redirect, () -> editPage(actor, domain, model, DomainForm.of(domain), form));
    }

    @PostMapping("/domains/{name}/delete")
    String delete(Actor actor, @PathVariable String name, RedirectAttributes redirect) {
        TenantDomain domain = domains.get(actor, name);
        domains.delete(actor, name);
        redirect.addFlashAttribute("notice", "domain.deleted");
        return "redirect:/tenants/" + domain.tenantId();
    }

    /** Back to the domain's page after saving, or the page again with the reasons why not. */
    private static String savedOrShown(BindingResult result, Supplier<TenantDomain> save, RedirectAttributes redirect,
                                       Supplier<String> page) {
        Optional<TenantDomain> saved = Forms.attempt(result, null, save);
        if (saved.isEmpty()) {
            return page.get();
        }
        redirect.addFlashAttribute("notice", "domain.saved");
        return "redirect:/domains/" + saved.get().name();
    }

    private String createPage(Actor actor, long tenantId, Model model, DomainForm form) {
        model.addAttribute("tenant", tenants.get(actor, tenantId));
        model.addAttribute("clusters", actor.authority().isOperator() ? clusters.list(actor) : List.of());
        model.addAttribute("form", form);
        return "domain-new";
    }

    private String editPage(Actor actor, TenantDomain domain, Model model, DomainForm operatorForm,
                            DomainForm deliveryForm) {
        model.addAttribute("tenant", tenants.get(actor, domain.tenantId()));
        model.addAttribute("domain", domain);
        model.addAttribute("clusters", actor.authority().isOperator() ? clusters.list(actor) : List.of());
        model.addAttribute("operatorForm", operatorForm);
        model.addAttribute("deliveryForm", deliveryForm);
        return "domain";
    }
}
