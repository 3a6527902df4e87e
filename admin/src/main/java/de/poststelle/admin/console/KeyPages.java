package de.poststelle.admin.console;

import de.poststelle.admin.KeyFileDownload;
import de.poststelle.admin.access.Actor;
import de.poststelle.admin.access.ConflictException;
import de.poststelle.admin.service.KeyService;
import de.poststelle.admin.service.TenantService;
import de.poststelle.core.MailAddress;
import de.poststelle.crypto.keys.CsrGenerator;
import de.poststelle.crypto.keys.KeyMaterialException;
import de.poststelle.store.keys.Approval;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A tenant's keys and certificates: the list with trust verdicts, uploads (PKCS#12, CA bundle,
 * recipient certificate, OpenPGP key), key generation with its CSR, and one key's page with the
 * approval of a pending OpenPGP key, revocation, the certificate installation and downloads.
 * A file the service cannot use is reported next to the form in the page's language.
 */
@Controller
class KeyPages {

    record ImportForm(KeyService.FileType type, String password, String owner) {

        static final ImportForm EMPTY = new ImportForm(KeyService.FileType.RECIPIENT_CERTIFICATE, "", "");
    }

    /** The form that uploads the issued certificate; its only field is the file, its errors are global. */
    record InstallForm() {
    }

    record GenerateForm(CsrGenerator.Algorithm algorithm, String commonName, String owner) {

        static final GenerateForm EMPTY = new GenerateForm(CsrGenerator.Algorithm.RSA_3072, "", "");
    }

    private final KeyService keys;
    private final TenantService tenants;

    KeyPages(KeyService keys, TenantService tenants) {
        this.keys = keys;
        this.tenants = tenants;
    }

    @GetMapping("/tenants/{tenantId}/keys")
    String list(Actor actor, @PathVariable long tenantId, Model model) {
        return page(actor, tenantId, model, ImportForm.EMPTY, GenerateForm.EMPTY);
    }

    @PostMapping("/tenants/{tenantId}/keys/import")
    String upload(Actor actor, @PathVariable long tenantId, @ModelAttribute("upload") ImportForm form,
                  BindingResult result, MultipartFile file, Model model, RedirectAttributes redirect) throws IOException {
        byte[] content = file == null ? new byte[0] : file.getBytes();
        Optional<MailAddress> owner = address(result, "owner", form.owner());
        Optional<Long> imported = attempt(result, () -> keys.importFile(actor, tenantId, form.type(), content,
                Optional.ofNullable(form.password()), owner).getFirst().id());
        if (imported.isEmpty()) {
            return page(actor, tenantId, model, form, GenerateForm.EMPTY);
        }
        redirect.addFlashAttribute("notice", "keys.imported");
        return "redirect:/tenants/" + tenantId + "/keys/" + imported.get();
    }

    @PostMapping("/tenants/{tenantId}/keys/generate")
    String generate(Actor actor, @PathVariable long tenantId, @ModelAttribute("generate") GenerateForm form,
                    BindingResult result, Model model, RedirectAttributes redirect) {
        Optional<MailAddress> owner = address(result, "owner", form.owner());
        Optional<Long> generated = attempt(result, () -> keys.generate(actor, tenantId, form.algorithm(),
                form.commonName(), owner).id());
        if (generated.isEmpty()) {
            return page(actor, tenantId, model, ImportForm.EMPTY, form);
        }
        redirect.addFlashAttribute("notice", "keys.generated");
        return "redirect:/tenants/" + tenantId + "/keys/" + generated.get();
    }

    @GetMapping("/tenants/{tenantId}/keys/{keyId}")
    String key(Actor actor, @PathVariable long tenantId, @PathVariable long keyId, Model model) {
        return keyPage(actor, tenantId, keyId, model);
    }

    @PostMapping("/tenants/{tenantId}/keys/{keyId}/approval")
    String decide(Actor actor, @PathVariable long tenantId, @PathVariable long keyId, @RequestParam Approval decision,
                  RedirectAttributes redirect) {
        keys.decide(actor, tenantId, keyId, decision);
        redirect.addFlashAttribute("notice", "keys.decided." + decision);
        return "redirect:/tenants/" + tenantId + "/keys/" + keyId;
    }

    @PostMapping("/tenants/{tenantId}/keys/{keyId}/revoke")
    String revoke(Actor actor, @PathVariable long tenantId, @PathVariable long keyId, RedirectAttributes redirect) {
        keys.revoke(actor, tenantId, keyId);
        redirect.addFlashAttribute("notice", "keys.revoked");
        return "redirect:/tenants/" + tenantId + "/keys/" + keyId;
    }

    @PostMapping("/tenants/{tenantId}/keys/{keyId}/certificate")
    String install(Actor actor, @PathVariable long tenantId, @PathVariable long keyId,
                   @ModelAttribute("certificate") InstallForm form, BindingResult result, MultipartFile file, Model model,
                   RedirectAttributes redirect) throws IOException {
        byte[] content = file == null ? new byte[0] : file.getBytes();
        if (attempt(result, () -> keys.installCertificate(actor, tenantId, keyId, content)).isEmpty()) {
            return keyPage(actor, tenantId, keyId, model);
        }
        redirect.addFlashAttribute("notice", "keys.installed");
        return "redirect:/tenants/" + tenantId + "/keys/" + keyId;
    }

    @GetMapping("/tenants/{tenantId}/keys/{keyId}/public")
    ResponseEntity<byte[]> exportPublic(Actor actor, @PathVariable long tenantId, @PathVariable long keyId) {
        return KeyFileDownload.of(keys.exportPublic(actor, tenantId, keyId));
    }

    @GetMapping("/tenants/{tenantId}/keys/{keyId}/csr")
    ResponseEntity<byte[]> csr(Actor actor, @PathVariable long tenantId, @PathVariable long keyId) {
        return KeyFileDownload.of(keys.csr(actor, tenantId, keyId));
    }

    private String page(Actor actor, long tenantId, Model model, ImportForm upload, GenerateForm generate) {
        model.addAttribute("tenant", tenants.get(actor, tenantId));
        model.addAttribute("keys", keys.list(actor, tenantId));
        model.addAttribute("fileTypes", KeyService.FileType.values());
        model.addAttribute("algorithms", CsrGenerator.Algorithm.values());
        if (!model.containsAttribute("upload")) {
            model.addAttribute("upload", upload);
        }
        if (!model.containsAttribute("generate")) {
            model.addAttribute("generate", generate);
        }
        return "keys";
    }

    private String keyPage(Actor actor, long tenantId, long keyId, Model model) {
        model.addAttribute("tenant", tenants.get(actor, tenantId));
        model.addAttribute("view", keys.get(actor, tenantId, keyId));
        if (!model.containsAttribute("certificate")) {
            model.addAttribute("certificate", new InstallForm());
        }
        return "key";
    }

    private static Optional<MailAddress> address(BindingResult form, String field, String text) {
        if (Forms.blank(text)) {
            return Optional.empty();
        }
        return Forms.parse(form, field, text, "invalid.address", MailAddress::parse);
    }

    /** A file the service cannot use is named by its code, so the page says why in its own language. */
    private static <T> Optional<T> attempt(BindingResult form, Supplier<T> call) {
        if (form.hasErrors()) {
            return Optional.empty();
        }
        try {
            return Optional.of(call.get());
        } catch (KeyMaterialException refusal) {
            form.reject("keys.error." + refusal.code(), refusal.getMessage());
        } catch (IllegalArgumentException | ConflictException refusal) {
            form.reject("refused", refusal.getMessage());
        }
        return Optional.empty();
    }
}
