package de.poststelle.admin.console;

import de.poststelle.admin.access.Actor;
import de.poststelle.admin.service.DomainService;
import de.poststelle.admin.service.OperatorSettingsService;
import de.poststelle.admin.service.TenantService;
import de.poststelle.core.tenant.Contact;
import de.poststelle.core.tenant.OperatorSettings;
import de.poststelle.core.tenant.Tenant;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Tenants: the list, creating one (operators), and a tenant's page with contact, terms and domains. */
@Controller
class TenantPages {

    record TenantForm(@NotBlank @Size(max = 200) String name, @Size(max = 200) String contactName,
                      @Email @Size(max = 320) String contactEmail, @Size(max = 64) String contactPhone) {

        static TenantForm of(Tenant tenant) {
            Contact contact = tenant.contact();
            return new TenantForm(tenant.name(), contact.name(), contact.email(), contact.phone());
        }

        Contact contact() {
            return new Contact(contactName, contactEmail, contactPhone);
        }
    }

    record TermsForm(@NotBlank @Pattern(regexp = OperatorSettings.TERMS_VERSION_PATTERN) String version) {
    }

    private final TenantService tenants;
    private final DomainService domains;
    private final OperatorSettingsService gatewaySettings;

    TenantPages(TenantService tenants, DomainService domains, OperatorSettingsService gatewaySettings) {
        this.tenants = tenants;
        this.domains = domains;
        this.gatewaySettings = gatewaySettings;
    }

    @GetMapping("/tenants")
    String list(Actor actor, Model model) {
        return listPage(actor, model, new TenantForm("", "", "", ""));
    }

    @PostMapping("/tenants")
    String create(Actor actor, @Valid @ModelAttribute("form") TenantForm form, BindingResult result, Model model,
                  RedirectAttributes redirect) {
        return Forms.attempt(result, "name", () -> tenants.create(actor, form.name(), form.contact()))
                .map(tenant -> {
                    redirect.addFlashAttribute("notice", "tenant.created");
                    return "redirect:/tenants/" + tenant.id();
                })
                .orElseGet(() -> listPage(actor, model, form));
    }

    @GetMapping("/tenants/{id}")
    String show(Actor actor, @PathVariable long id, Model model) {
        Tenant tenant = tenants.get(actor, id);
        return detailPage(actor, tenant, model, TenantForm.of(tenant),
                new TermsForm(gatewaySettings.get(actor).currentTermsVersion().orElse("")));
    }

    @PostMapping("/tenants/{id}")
    String update(Actor actor, @PathVariable long id, @Valid @ModelAttribute("form") TenantForm form,
                  BindingResult result, Model model, RedirectAttributes redirect) {
        if (Forms.attempt(result, "name", () -> tenants.update(actor, id, form.name(), form.contact())).isPresent()) {
            redirect.addFlashAttribute("notice", "tenant.saved");
            return "redirect:/tenants/" + id;
        }
        return detailPage(actor, tenants.get(actor, id), model, form, new TermsForm(""));
    }

    @PostMapping("/tenants/{id}/terms")
    String acceptTerms(Actor actor, @PathVariable long id, @Valid @ModelAttribute("terms") TermsForm terms,
                       BindingResult result, Model model, RedirectAttributes redirect) {
        if (Forms.attempt(result, "version", () -> tenants.acceptTerms(actor, id, terms.version())).isPresent()) {
            redirect.addFlashAttribute("notice", "tenant.terms-accepted");
            return "redirect:/tenants/" + id;
        }
        Tenant tenant = tenants.get(actor, id);
        return detailPage(actor, tenant, model, TenantForm.of(tenant), terms);
    }

    private String listPage(Actor actor, Model model, TenantForm form) {
        model.addAttribute("tenants", tenants.list(actor));
        model.addAttribute("form", form);
        return "tenants";
    }

    private String detailPage(Actor actor, Tenant tenant, Model model, TenantForm form, TermsForm terms) {
        model.addAttribute("tenant", tenant);
        model.addAttribute("domains", domains.list(actor, tenant.id()));
        model.addAttribute("form", form);
        model.addAttribute("terms", terms);
        return "tenant";
    }
}
