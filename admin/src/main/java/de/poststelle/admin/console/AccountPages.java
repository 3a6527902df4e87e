package de.poststelle.admin.console;

import de.poststelle.admin.access.Actor;
import de.poststelle.admin.security.TotpCodes;
import de.poststelle.admin.service.AdminAccountService;
import de.poststelle.admin.service.SecondFactorService;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The own account's security: password change and the optional one-time code. A new secret waits
 * in the session until the user confirms it with a code from the app.
 */
@Controller
class AccountPages {

    record PasswordForm(@NotBlank String currentPassword, @Size(min = 12, max = 200) String newPassword) {
    }

    record CodeForm(String code) {
    }

    private static final String PENDING_SECRET = AccountPages.class.getName() + ".pendingSecret";

    private final AdminAccountService accounts;
    private final SecondFactorService secondFactor;

    AccountPages(AdminAccountService accounts, SecondFactorService secondFactor) {
        this.accounts = accounts;
        this.secondFactor = secondFactor;
    }

    @GetMapping("/account")
    String show(Actor actor, HttpSession session, Model model) {
        return page(actor, session, model, new PasswordForm("", ""), new CodeForm(""));
    }

    @PostMapping("/account/password")
    String changePassword(Actor actor, @Valid @ModelAttribute("password") PasswordForm form, BindingResult result,
                          HttpSession session, Model model, RedirectAttributes redirect) {
        if (!result.hasErrors()) {
            try {
                accounts.changeOwnPassword(actor, form.currentPassword(), form.newPassword());
                redirect.addFlashAttribute("notice", "account.password-changed");
                return "redirect:/account";
            } catch (IllegalArgumentException wrongPassword) {
                // the length was checked above, so the service can only mean the current password
                result.rejectValue("currentPassword", "password.wrong");
            }
        }
        return page(actor, session, model, new PasswordForm("", ""), new CodeForm(""));
    }

    @PostMapping("/account/totp/start")
    String startEnrolment(Actor actor, HttpSession session, Model model) {
        session.setAttribute(PENDING_SECRET, TotpCodes.newSecret());
        return page(actor, session, model, new PasswordForm("", ""), new CodeForm(""));
    }

    @PostMapping("/account/totp/confirm")
    String confirmEnrolment(Actor actor, @ModelAttribute("code") CodeForm form, BindingResult result,
                            HttpSession session, Model model, RedirectAttributes redirect) {
        if (session.getAttribute(PENDING_SECRET) instanceof String secret && secondFactor.enable(actor, secret,
                form.code())) {
            session.removeAttribute(PENDING_SECRET);
            redirect.addFlashAttribute("notice", "account.totp-enabled");
            return "redirect:/account";
        }
        result.rejectValue("code", "code.wrong");
        return page(actor, session, model, new PasswordForm("", ""), form);
    }

    @PostMapping("/account/totp/disable")
    String disable(Actor actor, @ModelAttribute("code") CodeForm form, BindingResult result, HttpSession session,
                   Model model, RedirectAttributes redirect) {
        if (secondFactor.disable(actor, form.code())) {
            redirect.addFlashAttribute("notice", "account.totp-disabled");
            return "redirect:/account";
        }
        result.rejectValue("code", "code.wrong");
        return page(actor, session, model, new PasswordForm("", ""), form);
    }

    private String page(Actor actor, HttpSession session, Model model, PasswordForm password, CodeForm code) {
        boolean enabled = secondFactor.enabled(actor);
        model.addAttribute("totpEnabled", enabled);
        if (!enabled && session.getAttribute(PENDING_SECRET) instanceof String secret) {
            model.addAttribute("pendingSecret", secret);
            model.addAttribute("pendingUri", TotpCodes.uri(secret, actor.username()));
        }
        // a form bound in this request keeps its errors only if it stays the model's object
        if (!model.containsAttribute("password")) {
            model.addAttribute("password", password);
        }
        if (!model.containsAttribute("code")) {
            model.addAttribute("code", code);
        }
        return "account";
    }
}
