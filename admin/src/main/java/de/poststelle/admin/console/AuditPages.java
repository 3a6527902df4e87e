package de.poststelle.admin.console;

import de.poststelle.admin.access.Actor;
import de.poststelle.admin.service.AuditService;
import de.poststelle.admin.service.TenantService;
import de.poststelle.core.tenant.Tenant;
import de.poststelle.store.tenant.AuditLogRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The audit log with filters and paging. The filter is a GET form, so a filtered view is a link
 * that can be bookmarked or passed on; with htmx only the result table is replaced.
 */
@Controller
class AuditPages {

    record AuditFilter(Long tenant, String actor, String action, String text, String from, String until,
                       Integer page) {

        public int pageNumber() {
            return Paging.number(page);
        }
    }

    private final AuditService audit;
    private final TenantService tenants;

    AuditPages(AuditService audit, TenantService tenants) {
        this.audit = audit;
        this.tenants = tenants;
    }

    @GetMapping("/audit")
    String audit(Actor actor, @ModelAttribute("filter") AuditFilter filter, BindingResult result, Model model) {
        Optional<Optional<Instant>> from = Forms.parse(result, "from", filter.from(), "invalid.date",
                ConsoleTime::startOf);
        Optional<Optional<Instant>> until = Forms.parse(result, "until", filter.until(), "invalid.date",
                ConsoleTime::endOf);
        if (result.hasErrors()) {
            model.addAttribute("entries", List.of());
        } else {
            Paging.fetch(filter.pageNumber(), (limit, offset) -> audit.find(actor, new AuditLogRepository.Query(
                    Optional.empty(), Optional.ofNullable(filter.tenant()), text(filter.actor()),
                    text(filter.action()), text(filter.text()), from.orElseThrow(), until.orElseThrow(), limit,
                    offset)), "entries", model);
        }
        List<Tenant> visible = tenants.list(actor);
        model.addAttribute("tenants", visible);
        model.addAttribute("tenantNames", visible.stream().collect(Collectors.toMap(Tenant::id, Tenant::name)));
        return "audit";
    }

    private static Optional<String> text(String value) {
        return Forms.blank(value) ? Optional.empty() : Optional.of(value.strip());
    }
}
