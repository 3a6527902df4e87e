package de.poststelle.admin.console;

import de.poststelle.admin.access.Actor;
import de.poststelle.admin.service.ClusterService;
import de.poststelle.admin.service.OperatorSettingsService;
import de.poststelle.core.tenant.Contact;
import de.poststelle.core.tenant.OperatorSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;
import java.util.Optional;

/** The operator's gateway-wide settings: terms version, service desk, default cluster. */
@Controller
class SettingsPages {

    record SettingsForm(@Pattern(regexp = "|" + OperatorSettings.TERMS_VERSION_PATTERN) String currentTermsVersion,
                        @Size(max = 200) String supportName, @Email @Size(max = 320) String supportEmail,
                        @Size(max = 64) String supportPhone, String defaultCluster) {

        static SettingsForm of(OperatorSettings settings) {
            Contact support = settings.supportContact();
            return new SettingsForm(settings.currentTermsVersion().orElse(""), support.name(), support.email(),
                    support.phone(), settings.defaultCluster().orElse(""));
        }

        OperatorSettings settings() {
            return new OperatorSettings(Optional.ofNullable(currentTermsVersion),
                    new Contact(supportName, supportEmail, supportPhone), Optional.ofNullable(defaultCluster));
        }
    }

    private final OperatorSettingsService settings;
    private final ClusterService clusters;

    SettingsPages(OperatorSettingsService settings, ClusterService clusters) {
        this.settings = settings;
        this.clusters = clusters;
    }

    @GetMapping("/settings")
    String show(Actor actor, Model model) {
        return page(actor, model, SettingsForm.of(settings.get(actor)));
    }

    @PostMapping("/settings")
    String save(Actor actor, @Valid @ModelAttribute("form") SettingsForm form, BindingResult result, Model model,
                RedirectAttributes redirect) {
        if (Forms.attempt(result, "defaultCluster", () -> settings.update(actor, form.settings())).isEmpty()) {
            return page(actor, model, form);
        }
        redirect.addFlashAttribute("notice", "settings.saved");
        return "redirect:/settings";
    }

    /** Everyone sees the settings; only operators get the form, and with it the cluster list. */
    private String page(Actor actor, Model model, SettingsForm form) {
        model.addAttribute("settings", settings.get(actor));
        model.addAttribute("clusters", actor.authority().isOperator() ? clusters.list(actor) : List.of());
        model.addAttribute("form", form);
        return "settings";
    }
}
