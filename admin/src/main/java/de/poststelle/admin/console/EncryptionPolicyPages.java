package de.poststelle.admin.console;

import de.poststelle.admin.access.Actor;
import de.poststelle.admin.service.PolicyService;
import de.poststelle.admin.service.TenantService;
import de.poststelle.core.MailAddress;
import de.poststelle.core.policy.CryptoSettings;
import de.poststelle.core.policy.EncryptionMode;
import de.poststelle.core.policy.PolicyRule;
import de.poststelle.core.policy.RuleLevel;
import de.poststelle.core.policy.SecureFormat;
import de.poststelle.core.policy.TenantPolicy;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.Optional;

/**
 * A tenant's encryption policy: rules, triggers and marking, kept by its technical admin, and
 * "explain" for one sender and recipient, which every admin of the tenant may ask.
 */
@Controller
class EncryptionPolicyPages {

    record SettingsForm(String subjectTrigger, String headerTrigger, boolean signatureHeader, boolean subjectTag,
                        String subjectTagText) {

        static SettingsForm of(CryptoSettings settings) {
            return new SettingsForm(settings.subjectTrigger(), settings.headerTrigger(), settings.signatureHeader(),
                    settings.subjectTag(), settings.subjectTagText());
        }
    }

    /** A new rule; an empty setting is left to less specific rules. */
    record RuleForm(RuleLevel level, String match, String encryption, String sign, String format) {

        static final RuleForm EMPTY = new RuleForm(RuleLevel.RECIPIENT_DOMAIN, "", "", "", "");
    }

    record ExplainForm(String sender, String recipient) {
    }

    private final PolicyService policies;
    private final TenantService tenants;

    EncryptionPolicyPages(PolicyService policies, TenantService tenants) {
        this.policies = policies;
        this.tenants = tenants;
    }

    @GetMapping("/tenants/{tenantId}/encryption")
    String show(Actor actor, @PathVariable long tenantId, @RequestParam Optional<String> sender,
                @RequestParam Optional<String> recipient, Model model) {
        ExplainForm explain = new ExplainForm(sender.orElse(""), recipient.orElse(""));
        if (sender.isPresent() && recipient.isPresent()) {
            BindingResult result = new BeanPropertyBindingResult(explain, "explainForm");
            Optional<MailAddress> from = Forms.parse(result, "sender", explain.sender(), "invalid.address", MailAddress::parse);
            Optional<MailAddress> to = Forms.parse(result, "recipient", explain.recipient(), "invalid.address",
                    MailAddress::parse);
            if (!result.hasErrors()) {
                model.addAttribute("explanation", policies.explain(actor, tenantId, from.orElseThrow(), to.orElseThrow()));
            }
            model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "explainForm", result);
        }
        model.addAttribute("explainForm", explain);
        return page(actor, tenantId, model);
    }

    @PostMapping("/tenants/{tenantId}/encryption/settings")
    String saveSettings(Actor actor, @PathVariable long tenantId, @ModelAttribute("settingsForm") SettingsForm form,
                        BindingResult result, Model model, RedirectAttributes redirect) {
        if (Forms.attempt(result, null, () -> policies.updateSettings(actor, tenantId, new CryptoSettings(
                text(form.subjectTrigger()), text(form.headerTrigger()), form.signatureHeader(), form.subjectTag(),
                text(form.subjectTagText())))).isEmpty()) {
            return page(actor, tenantId, model);
        }
        redirect.addFlashAttribute("notice", "encryption.settings.saved");
        return "redirect:/tenants/" + tenantId + "/encryption";
    }

    @PostMapping("/tenants/{tenantId}/encryption/rules")
    String saveRule(Actor actor, @PathVariable long tenantId, @ModelAttribute("ruleForm") RuleForm form,
                    BindingResult result, Model model, RedirectAttributes redirect) {
        if (Forms.attempt(result, "match", () -> policies.saveRule(actor, tenantId, new PolicyRule(tenantId,
                form.level(), text(form.match()), optional(form.encryption()).map(EncryptionMode::valueOf),
                optional(form.sign()).map(Boolean::valueOf), optional(form.format()).map(SecureFormat::valueOf))))
                .isEmpty()) {
            return page(actor, tenantId, model);
        }
        redirect.addFlashAttribute("notice", "encryption.rule.saved");
        return "redirect:/tenants/" + tenantId + "/encryption";
    }

    @PostMapping("/tenants/{tenantId}/encryption/rules/remove")
    String removeRule(Actor actor, @PathVariable long tenantId, @RequestParam RuleLevel level,
                      @RequestParam(defaultValue = "") String match, RedirectAttributes redirect) {
        policies.removeRule(actor, tenantId, level, match);
        redirect.addFlashAttribute("notice", "encryption.rule.removed");
        return "redirect:/tenants/" + tenantId + "/encryption";
    }

    private String page(Actor actor, long tenantId, Model model) {
        TenantPolicy policy = policies.get(actor, tenantId);
        model.addAttribute("tenant", tenants.get(actor, tenantId));
        model.addAttribute("policy", policy);
        if (!model.containsAttribute("settingsForm")) {
            model.addAttribute("settingsForm", SettingsForm.of(policy.settings()));
        }
        if (!model.containsAttribute("ruleForm")) {
            model.addAttribute("ruleForm", RuleForm.EMPTY);
        }
        if (!model.containsAttribute("explainForm")) {
            model.addAttribute("explainForm", new ExplainForm("", ""));
        }
        model.addAttribute("levels", RuleLevel.values());
        model.addAttribute("modes", EncryptionMode.values());
        model.addAttribute("formats", SecureFormat.values());
        return "encryption";
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static Optional<String> optional(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }
}
