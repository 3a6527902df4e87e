package de.poststelle.admin.console;

import jakarta.servlet.http.HttpSession;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Our own login page; Spring Security handles the POST and sends failures back here with {@code ?error}. */
@Controller
class LoginPages {

    @GetMapping("/login")
    String login(@RequestParam(required = false) String error, HttpSession session, Model model) {
        Object failure = session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        if (error != null && failure instanceof AuthenticationException exception) {
            model.addAttribute("failure", exception instanceof LockedException ? "login.locked" : "login.failed");
        }
        return "login";
    }
}
