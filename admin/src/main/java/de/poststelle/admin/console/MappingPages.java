package de.poststelle.admin.console;

import de.poststelle.admin.access.Actor;
import de.poststelle.admin.service.MappingImportService;
import de.poststelle.admin.service.MappingService;
import de.poststelle.admin.service.TenantService;
import de.poststelle.core.MailAddress;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.unit.DataSize;
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
 * htmx, adding and removing replace only the mapping section. CSV import and export: {@link MappingCsvPages}.
 */
@Controller
class MappingPages {

    record MappingForm(String email, String demail) {
    }

    private final MappingService mappings;
    private final TenantService tenants;
    private final DataSize maxUpload;

    /** The upload limit is the servlet's own (poststelle-console.properties), which the form names. */
    MappingPages(MappingService mappings, TenantService tenants,
                 @Value("${spring.servlet.multipart.max-request-size}") DataSize maxUpload) {
        this.mappings = mappings;
        this.tenants = tenants;
        this.maxUpload = maxUpload;
    }

    @GetMapping("/tenants/{tenantId}/mappings")
    String list(Actor actor, @PathVariable long tenantId, @RequestParam Optional<String> upload, Model model) {
        model.addAttribute("uploadTooLarge", upload.filter(MappingUploadLimit.TOO_LARGE::equals).isPresent());
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

    /** The page, also after a CSV import, which adds its report to the model. */
    String page(Actor actor, long tenantId, Model model, MappingForm form) {
        model.addAttribute("tenant", tenants.get(actor, tenantId));
        model.addAttribute("mappings", mappings.list(actor, tenantId));
        model.addAttribute("form", form);
        model.addAttribute("maxUpload", maxUpload.toMegabytes() + " MB");
        model.addAttribute("importModes", MappingImportService.Mode.values());
        if (!model.containsAttribute("upload")) {
            model.addAttribute("upload", MappingCsvPages.UploadForm.EMPTY);
        }
        // the notice sits inside the section htmx replaces, so it is announced after a swap too
        model.addAttribute("inlineNotice", true);
        return "mappings";
    }
}
