package de.poststelle.admin.console;

import de.poststelle.admin.access.Actor;
import de.poststelle.admin.service.MessengerNoticeService;
import de.poststelle.admin.service.TenantService;
import de.poststelle.core.notice.InvalidNoticeTemplate;
import de.poststelle.core.notice.InvalidNoticeTemplate.Part;
import de.poststelle.core.notice.NoticeKind;
import de.poststelle.core.notice.NoticeLanguage;
import de.poststelle.core.notice.NoticeTemplate;
import de.poststelle.core.notice.NoticeTemplates;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A tenant's wording of the notices its Messenger recipients get: edit, preview with sample values,
 * save, or go back to the built-in texts. A refused text is shown next to its field.
 */
@Controller
class MessengerNoticePages {

    /** Every subject and body as typed; the field names are {@link Field#name(NoticeKind, NoticeLanguage, Part)}. */
    record NoticeForm(String activationDeSubject, String activationDeBody, String activationEnSubject,
                      String activationEnBody, String newMessageDeSubject, String newMessageDeBody,
                      String newMessageEnSubject, String newMessageEnBody) {

        static NoticeForm of(NoticeTemplates templates) {
            return new NoticeForm(
                    templates.of(NoticeKind.ACTIVATION, NoticeLanguage.DE).subject(), templates.of(NoticeKind.ACTIVATION, NoticeLanguage.DE).body(),
                    templates.of(NoticeKind.ACTIVATION, NoticeLanguage.EN).subject(), templates.of(NoticeKind.ACTIVATION, NoticeLanguage.EN).body(),
                    templates.of(NoticeKind.NEW_MESSAGE, NoticeLanguage.DE).subject(), templates.of(NoticeKind.NEW_MESSAGE, NoticeLanguage.DE).body(),
                    templates.of(NoticeKind.NEW_MESSAGE, NoticeLanguage.EN).subject(), templates.of(NoticeKind.NEW_MESSAGE, NoticeLanguage.EN).body());
        }

        /** Throws {@link InvalidNoticeTemplate} for the first text that is refused. */
        NoticeTemplates templates() {
            return NoticeTemplates.of(List.of(
                    new NoticeTemplate(NoticeKind.ACTIVATION, NoticeLanguage.DE, activationDeSubject, activationDeBody),
                    new NoticeTemplate(NoticeKind.ACTIVATION, NoticeLanguage.EN, activationEnSubject, activationEnBody),
                    new NoticeTemplate(NoticeKind.NEW_MESSAGE, NoticeLanguage.DE, newMessageDeSubject, newMessageDeBody),
                    new NoticeTemplate(NoticeKind.NEW_MESSAGE, NoticeLanguage.EN, newMessageEnSubject, newMessageEnBody)));
        }
    }

    /** One notice in one language as the page shows it: its two fields and the built-in text they replace. */
    record Field(NoticeKind kind, NoticeLanguage language, String subject, String body, NoticeTemplate builtIn) {

        static List<Field> all() {
            return NoticeTemplates.BUILT_IN.everyNotice().stream().map(empty -> new Field(empty.kind(), empty.language(),
                    name(empty.kind(), empty.language(), Part.SUBJECT), name(empty.kind(), empty.language(), Part.BODY),
                    NoticeTemplate.builtIn(empty.kind(), empty.language()))).toList();
        }

        /** e.g. {@code activationDeSubject}, a component of {@link NoticeForm}. */
        static String name(NoticeKind kind, NoticeLanguage language, Part part) {
            String notice = kind == NoticeKind.ACTIVATION ? "activation" : "newMessage";
            return notice + (language == NoticeLanguage.DE ? "De" : "En") + (part == Part.SUBJECT ? "Subject" : "Body");
        }
    }

    private final MessengerNoticeService notices;
    private final TenantService tenants;

    MessengerNoticePages(MessengerNoticeService notices, TenantService tenants) {
        this.notices = notices;
        this.tenants = tenants;
    }

    @GetMapping("/tenants/{id}/messenger-notices")
    String show(Actor actor, @PathVariable long id, Model model) {
        NoticeTemplates saved = notices.get(actor, id);
        return page(actor, id, model, NoticeForm.of(saved), saved);
    }

    /** Saves, or with {@code preview} only shows what the typed texts would look like. */
    @PostMapping("/tenants/{id}/messenger-notices")
    String save(Actor actor, @PathVariable long id, @ModelAttribute("form") NoticeForm form, BindingResult result,
                @RequestParam Optional<String> preview, Model model, RedirectAttributes redirect) {
        Optional<NoticeTemplates> typed = read(form, result);
        if (typed.isEmpty() || preview.isPresent()) {
            return page(actor, id, model, form, typed.orElseGet(() -> notices.get(actor, id)));
        }
        notices.update(actor, id, typed.get());
        redirect.addFlashAttribute("notice", "notices.saved");
        return "redirect:/tenants/" + id + "/messenger-notices";
    }

    @PostMapping("/tenants/{id}/messenger-notices/reset")
    String reset(Actor actor, @PathVariable long id, RedirectAttributes redirect) {
        notices.update(actor, id, NoticeTemplates.BUILT_IN);
        redirect.addFlashAttribute("notice", "notices.reset.done");
        return "redirect:/tenants/" + id + "/messenger-notices";
    }

    private static Optional<NoticeTemplates> read(NoticeForm form, BindingResult result) {
        try {
            return Optional.of(form.templates());
        } catch (InvalidNoticeTemplate refused) {
            String allowed = refused.kind().placeholders().stream().map(name -> "{" + name + "}")
                    .collect(Collectors.joining(", "));
            result.rejectValue(Field.name(refused.kind(), refused.language(), refused.part()),
                    "notices.invalid." + refused.problem(), new Object[]{refused.detail(), allowed}, refused.getMessage());
            return Optional.empty();
        }
    }

    private String page(Actor actor, long id, Model model, NoticeForm form, NoticeTemplates shown) {
        model.addAttribute("tenant", tenants.get(actor, id));
        model.addAttribute("form", form);
        model.addAttribute("fields", Field.all());
        model.addAttribute("kinds", NoticeKind.values());
        model.addAttribute("preview", notices.preview(shown));
        return "messenger-notices";
    }
}
