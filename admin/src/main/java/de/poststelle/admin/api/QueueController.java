package de.poststelle.admin.api;

import de.poststelle.admin.QuarantinedMailDownload;
import de.poststelle.admin.access.Actor;
import de.poststelle.admin.service.QueueService;
import de.poststelle.core.queue.MessageDetails;
import de.poststelle.core.queue.MessageSummary;
import de.poststelle.core.queue.QueueSearch;
import de.poststelle.core.queue.QueueState;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The mail queue. Operators may leave out {@code tenant} and see all mail; a tenant's technical
 * admin names the tenant and sees mail from or to its domains only.
 */
@RestController
@RequestMapping("/api/v1/queue")
class QueueController {

    private final QueueService queue;

    QueueController(QueueService queue) {
        this.queue = queue;
    }

    @GetMapping
    List<MessageSummary> searchQueue(Actor actor, @RequestParam Optional<Long> tenant,
                                     @RequestParam Optional<String> queueId, @RequestParam Optional<String> sender,
                                     @RequestParam Optional<String> recipient,
                                     @RequestParam Optional<Set<QueueState>> state,
                                     @RequestParam(defaultValue = "50") int limit,
                                     @RequestParam(defaultValue = "0") int offset) {
        QueueSearch search = new QueueSearch(queueId, sender, recipient, state.orElse(Set.of()));
        return queue.search(actor, tenant, search, limit, offset);
    }

    @GetMapping("/{queueId}")
    MessageDetails showQueuedMail(Actor actor, @PathVariable String queueId, @RequestParam Optional<Long> tenant) {
        return queue.details(actor, tenant, queueId);
    }

    @PostMapping("/{queueId}/retry")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void retryQueuedMail(Actor actor, @PathVariable String queueId, @RequestParam Optional<Long> tenant) {
        queue.retryNow(actor, tenant, queueId);
    }

    @PostMapping("/{queueId}/release")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void releaseQuarantinedMail(Actor actor, @PathVariable String queueId, @RequestParam Optional<Long> tenant) {
        queue.releaseFromQuarantine(actor, tenant, queueId);
    }

    /**
     * A quarantined mail as it arrived (message/rfc822), for analysis. It probably carries malware:
     * it is offered as a download only, never to be shown inline.
     */
    @GetMapping("/{queueId}/content")
    ResponseEntity<StreamingResponseBody> downloadQuarantinedMail(Actor actor, @PathVariable String queueId,
                                                                  @RequestParam Optional<Long> tenant) {
        return QuarantinedMailDownload.of(queueId, queue.quarantinedContent(actor, tenant, queueId));
    }

    @DeleteMapping("/{queueId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteQueuedMail(Actor actor, @PathVariable String queueId, @RequestParam Optional<Long> tenant) {
        queue.delete(actor, tenant, queueId);
    }
}
