package de.poststelle.admin.console;

import de.poststelle.admin.access.Actor;
import de.poststelle.admin.service.ChangeRequestService;
import de.poststelle.admin.service.TenantService;
import de.poststelle.core.tenant.ChangeRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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

import java.util.Optional;

/** Requests for the standard scenarios: filed by tenants and partners, moved on by the responsible role. */
@Controller
class ChangeRequestPages {

    record RequestForm(Long tenantId, @NotNull ChangeRequest.Scenario scenario,
                       @NotBlank @Size(max = 4000) String description) {
    }

    private final ChangeRequestService requests;
    private final TenantService tenants;

    ChangeRequestPages(ChangeRequestService requests, TenantService tenants) {
        this.requests = requests;
        this.tenants = tenants;
    }

    @GetMapping("/requests")
    String list(Actor actor, Model model) {
        return page(actor, model, new RequestForm(null, ChangeRequest.Scenario.NEW_MAILBOX, ""));
    }

    @PostMapping("/requests")
    String file(Actor actor, @Valid @ModelAttribute("form") RequestForm form, BindingResult result, Model model,
                RedirectAttributes redirect) {
        if (Forms.attempt(result, "tenantId", () -> requests.file(actor, Optional.ofNullable(form.tenantId()),
                form.scenario(), form.description())).isEmpty()) {
            return page(actor, model, form);
        }
        redirect.addFlashAttribute("notice", "requests.filed");
        return "redirect:/requests";
    }

    @PostMapping("/requests/{id}/move")
    String move(Actor actor, @PathVariable long id, @RequestParam ChangeRequest.State state,
                @RequestParam(defaultValue = "") String note, RedirectAttributes redirect) {
        requests.move(actor, id, state, note);
        redirect.addFlashAttribute("notice", "requests.moved");
        return "redirect:/requests";
    }

    private String page(Actor actor, Model model, RequestForm form) {
        model.addAttribute("requests", requests.list(actor));
        model.addAttribute("tenants", tenants.list(actor));
        model.addAttribute("scenarios", ChangeRequest.Scenario.values());
        model.addAttribute("states", ChangeRequest.State.values());
        model.addAttribute("form", form);
        return "requests";
    }
}
