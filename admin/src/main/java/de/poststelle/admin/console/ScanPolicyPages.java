package de.poststelle.admin.console;

import de.poststelle.admin.access.Actor;
import de.poststelle.admin.service.ScanPolicyService;
import de.poststelle.admin.service.TenantService;
import de.poststelle.core.MailAddress;
import de.poststelle.core.tenant.ScanPolicy;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.Arrays;
import java.util.stream.Collectors;

/** A tenant's virus protection: who is told of quarantined mail, and (operators only) fail-open. */
@Controller
class ScanPolicyPages {

    /** {@code alertRecipients}: one address per line, as typed; {@code failOpen} is only sent by operators. */
    record ScanPolicyForm(Boolean failOpen, boolean notifySender, String alertRecipients) {

        static ScanPolicyForm of(ScanPolicy policy) {
            return new ScanPolicyForm(policy.failOpen(), policy.notifySender(),
                    policy.alertRecipients().stream().map(MailAddress::toString).collect(Collectors.joining("\n")));
        }

        ScanPolicy policy() {
            return new ScanPolicy(Boolean.TRUE.equals(failOpen), notifySender, ScanPolicyService.parseAlertRecipients(
                    Arrays.asList((alertRecipients == null ? "" : alertRecipients).split("[\\r\\n,;]+"))));
        }
    }

    private final ScanPolicyService policies;
    private final TenantService tenants;

    ScanPolicyPages(ScanPolicyService policies, TenantService tenants) {
        this.policies = policies;
        this.tenants = tenants;
    }

    @GetMapping("/tenants/{id}/virus-scan")
    String show(Actor actor, @PathVariable long id, Model model) {
        return page(actor, id, model, ScanPolicyForm.of(policies.get(actor, id)));
    }

    @PostMapping("/tenants/{id}/virus-scan")
    String save(Actor actor, @PathVariable long id, @ModelAttribute("form") ScanPolicyForm form, BindingResult result,
                Model model, RedirectAttributes redirect) {
        if (Forms.attempt(result, "alertRecipients", () -> policies.update(actor, id, submitted(actor, id, form))).isEmpty()) {
            return page(actor, id, model, form);
        }
        redirect.addFlashAttribute("notice", "scan.saved");
        return "redirect:/tenants/" + id + "/virus-scan";
    }

    /** Only operators see the fail-open switch; everyone else keeps what is stored. */
    private ScanPolicy submitted(Actor actor, long id, ScanPolicyForm form) {
        ScanPolicy typed = form.policy();
        return actor.authority().isOperator() ? typed
                : new ScanPolicy(policies.get(actor, id).failOpen(), typed.notifySender(), typed.alertRecipients());
    }

    private String page(Actor actor, long id, Model model, ScanPolicyForm form) {
        model.addAttribute("tenant", tenants.get(actor, id));
        model.addAttribute("policy", policies.get(actor, id));
        model.addAttribute("form", form);
        return "scan-policy";
    }
}
