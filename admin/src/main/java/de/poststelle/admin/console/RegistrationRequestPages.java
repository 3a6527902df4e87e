package de.poststelle.admin.console;

import de.poststelle.admin.access.Actor;
import de.poststelle.admin.service.AuthorityRegistrationService;
import de.poststelle.core.tenant.AuthorityRegistration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
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

/** Authorities' requests to use the gateway actively (operators): the list, one request, approve or reject. */
@Controller
class RegistrationRequestPages {

    record ApprovalForm(@Size(max = 200) String tenantName) {
    }

    record RejectionForm(@NotBlank @Size(max = 2000) String reason) {
    }

    private final AuthorityRegistrationService registrations;

    RegistrationRequestPages(AuthorityRegistrationService registrations) {
        this.registrations = registrations;
    }

    @GetMapping("/registrations")
    String list(Actor actor, Model model) {
        List<AuthorityRegistration> all = registrations.list(actor);
        model.addAttribute("open", all.stream().filter(AuthorityRegistration::open).toList());
        model.addAttribute("decided", all.stream().filter(registration -> !registration.open()).toList());
        return "registrations";
    }

    @GetMapping("/registrations/{id}")
    String show(Actor actor, @PathVariable long id, Model model) {
        AuthorityRegistration registration = registrations.get(actor, id);
        return page(model, registration, new ApprovalForm(registration.request().authorityName()),
                new RejectionForm(""));
    }

    @PostMapping("/registrations/{id}/approve")
    String approve(Actor actor, @PathVariable long id, @Valid @ModelAttribute("approval") ApprovalForm approval,
                   BindingResult result, Model model, RedirectAttributes redirect) {
        if (Forms.attempt(result, "tenantName",
                () -> registrations.approve(actor, id, Optional.ofNullable(approval.tenantName()))).isPresent()) {
            redirect.addFlashAttribute("notice", "registration.approved");
            return "redirect:/registrations/" + id;
        }
        return page(model, registrations.get(actor, id), approval, new RejectionForm(""));
    }

    @PostMapping("/registrations/{id}/reject")
    String reject(Actor actor, @PathVariable long id, @Valid @ModelAttribute("rejection") RejectionForm rejection,
                  BindingResult result, Model model, RedirectAttributes redirect) {
        if (Forms.attempt(result, "reason", () -> registrations.reject(actor, id, rejection.reason())).isPresent()) {
            redirect.addFlashAttribute("notice", "registration.rejected");
            return "redirect:/registrations/" + id;
        }
        AuthorityRegistration registration = registrations.get(actor, id);
        return page(model, registration, new ApprovalForm(registration.request().authorityName()), rejection);
    }

    private static String page(Model model, AuthorityRegistration registration, ApprovalForm approval,
                               RejectionForm rejection) {
        model.addAttribute("registration", registration);
        model.addAttribute("approval", approval);
        model.addAttribute("rejection", rejection);
        return "registration";
    }
}
