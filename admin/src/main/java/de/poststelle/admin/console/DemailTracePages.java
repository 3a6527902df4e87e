package de.poststelle.admin.console;

import de.poststelle.admin.access.Actor;
import de.poststelle.admin.access.NotFoundException;
import de.poststelle.admin.service.DemailTraceService;
import de.poststelle.admin.service.TenantService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;

import java.util.List;
import java.util.Optional;

/** The message trace of one outgoing De-Mail of a tenant, looked up by Message-ID or queue id. */
@Controller
class DemailTracePages {

    /** What the admin looks for; both empty shows the search form only. */
    record TraceSearch(String messageId, String queueId) {

        boolean given() {
            return !blank(messageId) || !blank(queueId);
        }

        private static boolean blank(String text) {
            return text == null || text.isBlank();
        }
    }

    private final DemailTraceService traces;
    private final TenantService tenants;

    DemailTracePages(DemailTraceService traces, TenantService tenants) {
        this.traces = traces;
        this.tenants = tenants;
    }

    @GetMapping("/tenants/{id}/demail-trace")
    String show(Actor actor, @PathVariable long id, @ModelAttribute("search") TraceSearch search, Model model) {
        model.addAttribute("tenant", tenants.get(actor, id));
        if (search.given()) {
            try {
                model.addAttribute("traces", traces.find(actor, id, Optional.ofNullable(search.messageId()),
                        Optional.ofNullable(search.queueId())));
            } catch (NotFoundException | IllegalArgumentException e) {
                model.addAttribute("traces", List.of());
                model.addAttribute("notFound", true);
            }
        }
        return "demail-trace";
    }
}
