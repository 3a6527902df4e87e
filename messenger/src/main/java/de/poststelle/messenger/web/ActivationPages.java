package de.poststelle.messenger.web;

import de.poststelle.messenger.service.Activations;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The one-time link: PIN plus a new password activate the mailbox. */
@Controller
class ActivationPages {

    private final Activations activations;

    ActivationPages(Activations activations) {
        this.activations = activations;
    }

    @GetMapping("/messenger/activate/{token}")
    String form(@PathVariable String token, Model model) {
        Activations.Outcome state = activations.check(token);
        if (state != Activations.Outcome.ACTIVATED) {
            model.addAttribute("problem", "messenger.activate." + state.name().toLowerCase());
        }
        model.addAttribute("token", token);
        model.addAttribute("minLength", Activations.MIN_PASSWORD_LENGTH);
        return "messenger/activate";
    }

    @PostMapping("/messenger/activate/{token}")
    String activate(@PathVariable String token, @RequestParam String pin, @RequestParam String password,
                    @RequestParam String passwordRepeated, HttpServletRequest request, Model model) {
        model.addAttribute("token", token);
        model.addAttribute("minLength", Activations.MIN_PASSWORD_LENGTH);
        if (!password.equals(passwordRepeated)) {
            model.addAttribute("error", "messenger.activate.mismatch");
            return "messenger/activate";
        }
        Activations.Result result = activations.activate(token, pin, password, request.getRemoteAddr());
        switch (result.outcome()) {
            case ACTIVATED -> {
                return "redirect:/messenger/login?activated";
            }
            case WRONG_PIN, WEAK_PASSWORD -> {
                model.addAttribute("error", "messenger.activate." + result.outcome().name().toLowerCase());
                model.addAttribute("attemptsLeft", result.attemptsLeft());
            }
            default -> model.addAttribute("problem", "messenger.activate." + result.outcome().name().toLowerCase());
        }
        return "messenger/activate";
    }
}
