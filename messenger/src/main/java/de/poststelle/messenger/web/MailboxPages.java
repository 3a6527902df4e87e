package de.poststelle.messenger.web;

import de.poststelle.messenger.service.MailboxService;
import de.poststelle.messenger.service.ReadableMessage;
import de.poststelle.messenger.store.Folder;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Folders, one mail, its attachments, trash and delete. The mailbox is always the logged-in one. */
@Controller
class MailboxPages {

    private final MailboxService mailbox;

    MailboxPages(MailboxService mailbox) {
        this.mailbox = mailbox;
    }

    @GetMapping({"/messenger", "/messenger/"})
    String home() {
        return "redirect:/messenger/inbox";
    }

    @GetMapping("/messenger/{folder:inbox|sent|trash}")
    String folder(@PathVariable String folder, Authentication user, Model model) {
        Folder chosen = Folder.valueOf(folder.toUpperCase(Locale.ROOT));
        model.addAttribute("folder", folder);
        model.addAttribute("rows", mailbox.folder(user.getName(), chosen));
        return "messenger/folder";
    }

    @GetMapping("/messenger/messages/{id}")
    String read(@PathVariable long id, Authentication user, Model model) {
        model.addAttribute("opened", mailbox.open(user.getName(), id).orElseThrow(MailboxPages::notFound));
        return "messenger/message";
    }

    @GetMapping("/messenger/messages/{id}/attachments/{index}")
    ResponseEntity<byte[]> attachment(@PathVariable long id, @PathVariable int index, Authentication user) {
        ReadableMessage.DownloadedAttachment attachment = mailbox.attachment(user.getName(), id, index)
                .orElseThrow(MailboxPages::notFound);
        // always a download, never shown inline: an attached HTML file must not run in our origin
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(attachment.filename(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(attachment.content());
    }

    @PostMapping("/messenger/messages/{id}/trash")
    String trash(@PathVariable long id, Authentication user) {
        if (!mailbox.moveToTrash(user.getName(), id)) {
            throw notFound();
        }
        return "redirect:/messenger/inbox?moved";
    }

    @PostMapping("/messenger/messages/{id}/delete")
    String delete(@PathVariable long id, Authentication user, HttpServletRequest request) {
        if (!mailbox.delete(user.getName(), id, request.getRemoteAddr())) {
            throw notFound();
        }
        return "redirect:/messenger/trash?deleted";
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
}
