package de.poststelle.admin.console;

import de.poststelle.admin.QuarantinedMailDownload;
import de.poststelle.admin.access.Actor;
import de.poststelle.admin.access.ConflictException;
import de.poststelle.admin.service.QueueService;
import de.poststelle.admin.service.TenantService;
import de.poststelle.core.queue.MessageDetails;
import de.poststelle.core.queue.QueueSearch;
import de.poststelle.core.queue.QueueState;
import de.poststelle.core.tenant.Tenant;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The mail queue: operators search all mail or one tenant's, a technical admin the mail of one of
 * its tenants. A mail's page shows each recipient and offers retry and delete; deleting needs a
 * ticked confirmation, which the browser and the server both check, so it works without script.
 */
@Controller
class QueuePages {

    record QueueFilter(Long tenant, String queueId, String sender, String recipient, QueueState state, Integer page) {

        public int pageNumber() {
            return Paging.number(page);
        }

        QueueSearch search() {
            return new QueueSearch(Optional.ofNullable(queueId), Optional.ofNullable(sender),
                    Optional.ofNullable(recipient), state == null ? Set.of() : Set.of(state));
        }
    }

    /** A ticked "I confirm" for an action that cannot be undone (delete, release from quarantine). */
    record Confirmation(Long tenant, Boolean confirmed) {
    }

    private final QueueService queue;
    private final TenantService tenants;

    QueuePages(QueueService queue, TenantService tenants) {
        this.queue = queue;
        this.tenants = tenants;
    }

    @GetMapping("/queue")
    String list(Actor actor, @ModelAttribute("filter") QueueFilter filter, BindingResult result, Model model) {
        ConsoleUser me = new ConsoleUser(actor.authority());
        if (filter.tenant() == null && !me.operator() && !me.queueTenantIds().isEmpty()) {
            // a technical admin always looks at one tenant; the link names it, so it can be passed on
            return "redirect:/queue?tenant=" + me.queueTenantIds().getFirst();
        }
        if (result.hasErrors()) {
            model.addAttribute("mails", List.of());
        } else {
            Paging.fetch(filter.pageNumber(), (limit, offset) -> queue.search(actor,
                    Optional.ofNullable(filter.tenant()), filter.search(), limit, offset), "mails", model);
        }
        model.addAttribute("tenants", tenants.list(actor).stream()
                .filter(t -> me.may("MANAGE_DELIVERY", t.id())).toList());
        model.addAttribute("states", QueueState.values());
        return "queue";
    }

    @GetMapping("/queue/{queueId}")
    String show(Actor actor, @PathVariable String queueId, @RequestParam Optional<Long> tenant, Model model) {
        return mailPage(actor, queueId, tenant, new Confirmation(tenant.orElse(null), false), model);
    }

    @PostMapping("/queue/{queueId}/retry")
    String retry(Actor actor, @PathVariable String queueId, @RequestParam Optional<Long> tenant, Model model,
                 RedirectAttributes redirect) {
        if (!attempt(() -> queue.retryNow(actor, tenant, queueId), "queue.retry-refused", model)) {
            return mailPage(actor, queueId, tenant, new Confirmation(tenant.orElse(null), false), model);
        }
        redirect.addFlashAttribute("notice", "queue.retried");
        return "redirect:" + UriComponentsBuilder.fromPath("/queue/{id}").queryParamIfPresent("tenant", tenant)
                .buildAndExpand(queueId).encode().toUriString();
    }

    @PostMapping("/queue/{queueId}/delete")
    String delete(Actor actor, @PathVariable String queueId, @ModelAttribute("deletion") Confirmation form,
                  BindingResult result, Model model, RedirectAttributes redirect) {
        Optional<Long> tenant = Optional.ofNullable(form.tenant());
        if (!Boolean.TRUE.equals(form.confirmed())) {
            result.rejectValue("confirmed", "queue.confirm-missing");
            return mailPage(actor, queueId, tenant, form, model);
        }
        if (!attempt(() -> queue.delete(actor, tenant, queueId), "queue.delete-refused", model)) {
            return mailPage(actor, queueId, tenant, form, model);
        }
        redirect.addFlashAttribute("notice", "queue.deleted");
        return "redirect:" + UriComponentsBuilder.fromPath("/queue").queryParamIfPresent("tenant", tenant).toUriString();
    }

    @PostMapping("/queue/{queueId}/release")
    String release(Actor actor, @PathVariable String queueId, @ModelAttribute("release") Confirmation form,
                   BindingResult result, Model model, RedirectAttributes redirect) {
        Optional<Long> tenant = Optional.ofNullable(form.tenant());
        if (!Boolean.TRUE.equals(form.confirmed())) {
            result.rejectValue("confirmed", "queue.confirm-missing");
            return mailPage(actor, queueId, tenant, new Confirmation(form.tenant(), false), model);
        }
        if (!attempt(() -> queue.releaseFromQuarantine(actor, tenant, queueId), "quarantine.release-refused", model)) {
            return mailPage(actor, queueId, tenant, new Confirmation(form.tenant(), false), model);
        }
        redirect.addFlashAttribute("notice", "quarantine.released");
        return "redirect:" + UriComponentsBuilder.fromPath("/queue/{id}").queryParamIfPresent("tenant", tenant)
                .buildAndExpand(queueId).encode().toUriString();
    }

    /** The quarantined mail as a file for analysis; the page warns before the link. */
    @GetMapping("/queue/{queueId}/content")
    ResponseEntity<StreamingResponseBody> download(Actor actor, @PathVariable String queueId,
                                                   @RequestParam Optional<Long> tenant) {
        return QuarantinedMailDownload.of(queueId, queue.quarantinedContent(actor, tenant, queueId));
    }

    /**
     * Runs a retry or delete; when the queue refuses (e.g. a worker is delivering the mail right
     * now), the mail's page says so with the reason instead of an error page.
     */
    private static boolean attempt(Runnable action, String refusalMessage, Model model) {
        try {
            action.run();
            return true;
        } catch (ConflictException refusal) {
            model.addAttribute("refusal", refusalMessage);
            model.addAttribute("reason", refusal.getMessage());
            return false;
        }
    }

    private String mailPage(Actor actor, String queueId, Optional<Long> tenant, Confirmation deletion, Model model) {
        MessageDetails mail = queue.details(actor, tenant, queueId);
        model.addAttribute("mail", mail);
        // templates may not touch java.net types
        model.addAttribute("clientAddress", mail.client().address().getHostAddress());
        model.addAttribute("tenant", tenant.map(id -> tenants.get(actor, id)).map(Tenant::name).orElse(null));
        model.addAttribute("tenantId", tenant.orElse(null));
        if (!model.containsAttribute("deletion")) {
            model.addAttribute("deletion", deletion);
        }
        if (!model.containsAttribute("release")) {
            model.addAttribute("release", new Confirmation(tenant.orElse(null), false));
        }
        return "queue-mail";
    }
}
