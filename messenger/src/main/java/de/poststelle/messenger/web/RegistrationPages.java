package de.poststelle.messenger.web;

import de.poststelle.messenger.service.SelfRegistration;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The public form of a "passive user": register an address, get link and PIN by two mails. */
@Controller
class RegistrationPages {

    private final SelfRegistration registration;

    RegistrationPages(SelfRegistration registration) {
        this.registration = registration;
    }

    @GetMapping("/messenger/register")
    String form() {
        return "messenger/register";
    }

    @PostMapping("/messenger/register")
    String register(@RequestParam String address, HttpServletRequest request, Model model) {
        SelfRegistration.Outcome outcome = registration.register(address, request.getRemoteAddr());
        model.addAttribute("address", address);
        model.addAttribute(outcome == SelfRegistration.Outcome.REGISTERED ? "done" : "error",
                "messenger.register." + outcome.name().toLowerCase());
        return "messenger/register";
    }
}
