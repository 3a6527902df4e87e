package de.poststelle.messenger.web;

import de.poststelle.messenger.service.AuthorityRegistrations;
import de.poststelle.messenger.service.AuthorityRequestForm;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The public form of an authority that wants to use the gateway actively; an operator decides. */
@Controller
class AuthorityRegistrationPages {

    private static final String PAGE = "messenger/register-authority";

    private final AuthorityRegistrations registrations;

    AuthorityRegistrationPages(AuthorityRegistrations registrations) {
        this.registrations = registrations;
    }

    @GetMapping("/messenger/register/authority")
    String form(Model model) {
        model.addAttribute("form", AuthorityRequestForm.empty());
        model.addAttribute("problems", Map.of());
        return PAGE;
    }

    @PostMapping("/messenger/register/authority")
    String submit(@ModelAttribute("form") AuthorityRequestForm form, HttpServletRequest request, Model model) {
        Map<String, List<AuthorityRequestForm.Problem>> problems = Map.of();
        switch (registrations.submit(form, request.getRemoteAddr())) {
            case AuthorityRegistrations.Submitted submitted -> model.addAttribute("submitted", submitted.registration());
            case AuthorityRegistrations.Refused refused -> problems = refused.problems().stream()
                    .collect(Collectors.groupingBy(AuthorityRequestForm.Problem::field));
            case AuthorityRegistrations.TooManyRequests tooMany -> model.addAttribute("tooMany", true);
        }
        model.addAttribute("problems", problems);
        return PAGE;
    }
}
