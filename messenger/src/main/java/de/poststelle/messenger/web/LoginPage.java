package de.poststelle.messenger.web;

import jakarta.servlet.http.HttpSession;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The mailbox login; Spring Security handles the POST and sends failures back here with {@code ?error}. */
@Controller
class LoginPage {

    @GetMapping("/messenger/login")
    String login(@RequestParam(required = false) String error, HttpSession session, Model model) {
        if (error != null) {
            boolean locked = session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION) instanceof LockedException;
            model.addAttribute("failure", locked ? "messenger.login.locked" : "messenger.login.failed");
        }
        return "messenger/login";
    }
}
