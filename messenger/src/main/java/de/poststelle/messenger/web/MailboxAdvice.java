package de.poststelle.messenger.web;

import de.poststelle.messenger.service.MailboxService;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What the layout shows on every page of an open mailbox: whose it is and how full. */
@ControllerAdvice(assignableTypes = {MailboxPages.class, ComposePages.class, OwnKeyPages.class})
class MailboxAdvice {

    private final MailboxService mailbox;

    MailboxAdvice(MailboxService mailbox) {
        this.mailbox = mailbox;
    }

    @ModelAttribute
    void mailbox(Authentication user, Model model) {
        model.addAttribute("me", user.getName());
        model.addAttribute("usage", mailbox.usage(user.getName()));
    }
}
