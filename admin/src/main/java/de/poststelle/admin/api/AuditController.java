package de.poststelle.admin.api;

import de.poststelle.admin.access.Actor;
import de.poststelle.admin.service.AuditService;
import de.poststelle.store.tenant.AuditLogRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The audit log, newest first. Operators see all of it; a tenant's user admin sees its tenants'
 * entries. Every filter is optional; {@code text} searches target and details.
 */
@RestController
@RequestMapping("/api/v1/audit")
class AuditController {

    private final AuditService audit;

    AuditController(AuditService audit) {
        this.audit = audit;
    }

    @GetMapping
    List<AuditEntryDto> findAuditEntries(Actor actor,
                             @RequestParam Optional<Long> tenant,
                             @RequestParam("actor") Optional<String> actorName,
                             @RequestParam Optional<String> action,
                             @RequestParam Optional<String> text,
                             @RequestParam Optional<Instant> from,
                             @RequestParam Optional<Instant> until,
                             @RequestParam(defaultValue = "100") int limit,
                             @RequestParam(defaultValue = "0") int offset) {
        AuditLogRepository.Query query = new AuditLogRepository.Query(Optional.empty(), tenant, actorName, action,
                text, from, until, limit, offset);
        return audit.find(actor, query).stream().map(AuditEntryDto::from).toList();
    }
}
