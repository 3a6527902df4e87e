package de.poststelle.admin.api;

import de.poststelle.admin.access.Actor;
import de.poststelle.admin.service.DemailTraceService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Optional;

/** The message trace of a tenant's outgoing De-Mail, found by Message-ID or queue id. */
@RestController
class DemailTraceController {

    private final DemailTraceService traces;

    DemailTraceController(DemailTraceService traces) {
        this.traces = traces;
    }

    /** Exactly one of {@code messageId} (angle brackets optional) and {@code queueId}; 404 if no such De-Mail. */
    @GetMapping("/api/v1/tenants/{tenantId}/demail-trace")
    List<DemailTraceDto> getDemailTrace(Actor actor, @PathVariable long tenantId,
                                        @RequestParam Optional<String> messageId,
                                        @RequestParam Optional<String> queueId) {
        return traces.find(actor, tenantId, messageId, queueId).stream().map(DemailTraceDto::from).toList();
    }
}
