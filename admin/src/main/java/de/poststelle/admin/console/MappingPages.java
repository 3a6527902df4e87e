package de.poststelle.admin.console;

import de.poststelle.admin.access.Actor;
import de.poststelle.admin.service.MappingService;
import de.poststelle.admin.service.TenantService;
import de.poststelle.core.MailAddress;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.Optional;

/**
 * A tenant's address mappings, kept by its account admin. The page works as plain forms; with
 * htmx, adding and removing replace only the mapping section.
 */
@Controller
class MappingPages {

    record MappingForm(String email, String demail) {
    }

    private final MappingService mappings;
    private final TenantService tenants;

    MappingPages(MappingService mappings, TenantService tenants) {
        this.mappings = mappings;
        this.tenants = tenants;
    }

    @GetMapping("/tenants/{tenantId}/mappings")
    String list(Actor actor, @PathVariable long tenantId, Model model) {
        return page(actor, tenantId, model, new MappingForm("", ""));
    }

    @PostMapping("/tenants/{tenantId}/mappings")
    String add(Actor actor, @PathVariable long tenantId, @ModelAttribute("form") MappingForm form,
               BindingResult result, Model model, RedirectAttributes redirect) {
        Optional<MailAddress> email = Forms.parse(result, "email", form.email(), "invalid.address", MailAddress::parse);
        Optional<MailAddress> demail = Forms.parse(result, "demail", form.demail(), "invalid.address",
                MailAddress::parse);
        if (Forms.attempt(result, "email", () -> mappings.add(actor, tenantId, email.orElseThrow(),
                demail.orElseThrow())).isEmpty()) {
            return page(actor, tenantId, model, form);
        }
        redirect.addFlashAttribute("notice", "mapping.added");
        return "redirect:/tenants/" + tenantId + "/mappings";
    }

    @PostMapping("/tenants/{tenantId}/mappings/remove")
    String remove(Actor actor, @PathVariable long tenantId, @RequestParam String email, RedirectAttributes redirect) {
        mappings.remove(actor, tenantId, MailAddress.parse(email));
        redirect.addFlashAttribute("notice", "mapping.removed");
        return "redirect:/tenants/" + tenantId + "/mappings";
    }

    private String page(Actor actor, long tenantId, Model model, MappingForm form) {
        model.addAttribute("tenant", tenants.get(actor, tenantId));
        model.addAttribute("mappings", mappings.list(actor, tenantId));
        model.addAttribute("form", form);
        // the notice sits inside the section htmx replaces, so it is announced after a swap too
        model.addAttribute("inlineNotice", true);
        return "mappings";
    }
}
