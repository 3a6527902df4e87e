package de.poststelle.messenger.web;

import de.poststelle.messenger.service.MailboxService;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Writing to an authority that wrote to this mailbox; a reply starts from the mail replied to. */
@Controller
class ComposePages {

    private final MailboxService mailbox;

    ComposePages(MailboxService mailbox) {
        this.mailbox = mailbox;
    }

    @GetMapping("/messenger/compose")
    String form(@RequestParam(required = false) Long replyTo, Authentication user, Model model) {
        String to = "";
        String subject = "";
        if (replyTo != null) {
            MailboxService.Opened original = mailbox.open(user.getName(), replyTo).orElseThrow();
            to = original.counterpart();
            subject = original.message().subject().startsWith("Re:") ? original.message().subject()
                    : "Re: " + original.message().subject();
        }
        return show(user, model, to, subject, "");
    }

    @PostMapping("/messenger/compose")
    String send(@RequestParam String to, @RequestParam String subject, @RequestParam String text,
                Authentication user, Model model) {
        MailboxService.SendOutcome outcome = mailbox.send(user.getName(), to, subject, text);
        if (outcome == MailboxService.SendOutcome.SENT) {
            return "redirect:/messenger/sent?sent";
        }
        model.addAttribute("error", "messenger.compose." + outcome.name().toLowerCase());
        return show(user, model, to, subject, text);
    }

    private String show(Authentication user, Model model, String to, String subject, String text) {
        model.addAttribute("correspondents", mailbox.correspondents(user.getName()));
        model.addAttribute("to", to);
        model.addAttribute("subject", subject);
        model.addAttribute("text", text);
        return "messenger/compose";
    }
}
