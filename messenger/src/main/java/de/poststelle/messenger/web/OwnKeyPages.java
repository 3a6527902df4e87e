package de.poststelle.messenger.web;

import de.poststelle.messenger.service.OwnKeyFile;
import de.poststelle.messenger.service.OwnKeys;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.util.List;

/** "Own keys": the citizen uploads an S/MIME certificate or OpenPGP key and sees how each authority treats it. */
@Controller
class OwnKeyPages {

    /** Certificates and public keys are a few KB; anything larger is not one. */
    static final long MAX_FILE_SIZE = 64 * 1024;

    private final OwnKeys ownKeys;

    OwnKeyPages(OwnKeys ownKeys) {
        this.ownKeys = ownKeys;
    }

    @GetMapping("/messenger/keys")
    String list(Authentication user, Model model) {
        model.addAttribute("folder", "keys");
        List<OwnKeys.UploadedKey> keys = ownKeys.list(user.getName());
        model.addAttribute("keys", keys);
        model.addAttribute("anyUntrusted", keys.stream().flatMap(key -> key.authorities().stream())
                .anyMatch(authority -> authority.status() == OwnKeys.Status.UNTRUSTED));
        return "messenger/keys";
    }

    @PostMapping("/messenger/keys")
    String upload(@RequestParam("file") MultipartFile file, Authentication user, HttpServletRequest request,
                  Model model, RedirectAttributes redirect) throws IOException {
        if (file.isEmpty() || file.getSize() > MAX_FILE_SIZE) {
            return refused(user, model, file.isEmpty() ? "empty" : "too-large", "");
        }
        try {
            List<String> authorities = ownKeys.upload(user.getName(), file.getBytes(), request.getRemoteAddr());
            redirect.addFlashAttribute("uploadedFor", String.join(", ", authorities));
            return "redirect:/messenger/keys";
        } catch (OwnKeyFile.Refused refused) {
            return refused(user, model, refused.reason(), refused.detail());
        }
    }

    @PostMapping("/messenger/keys/withdraw")
    String withdraw(@RequestParam("fingerprint") String fingerprint, Authentication user, HttpServletRequest request,
                    RedirectAttributes redirect) {
        if (ownKeys.withdraw(user.getName(), fingerprint, request.getRemoteAddr())) {
            redirect.addFlashAttribute("withdrawn", true);
        }
        return "redirect:/messenger/keys";
    }

    private String refused(Authentication user, Model model, String reason, String detail) {
        model.addAttribute("error", "messenger.keys.refused." + reason);
        model.addAttribute("errorDetail", detail);
        return list(user, model);
    }
}
