package de.poststelle.admin.service;

import de.poststelle.admin.access.AccessControl;
import de.poststelle.admin.access.Actor;
import de.poststelle.admin.access.AuditTrail;
import de.poststelle.admin.access.ConflictException;
import de.poststelle.admin.access.ForbiddenException;
import de.poststelle.admin.access.NotFoundException;
import de.poststelle.core.tenant.ChangeRequest;
import de.poststelle.core.tenant.Permission;
import de.poststelle.store.tenant.ChangeRequestRepository;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Requests for the four standard scenarios. Anyone with a role in a tenant files them for it (a
 * request for a new tenant needs no tenant); the responsible role moves them on; the requester
 * sees where they stand.
 */
@Transactional
public class ChangeRequestService {

    private final ChangeRequestRepository requests;
    private final AccessControl access;
    private final AuditTrail audit;
    private final Clock clock;

    public ChangeRequestService(ChangeRequestRepository requests, AccessControl access, AuditTrail audit, Clock clock) {
        this.requests = requests;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    public ChangeRequest file(Actor actor, Optional<Long> tenantId, ChangeRequest.Scenario scenario,
                              String description) {
        String text = description == null ? "" : description.strip();
        if (text.isEmpty() || text.length() > 4000) {
            throw new IllegalArgumentException("describe the request in 1 to 4000 characters");
        }
        if (tenantId.isEmpty() && scenario != ChangeRequest.Scenario.NEW_TENANT) {
            throw new IllegalArgumentException("this request needs a tenant");
        }
        tenantId.ifPresent(id -> access.require(actor, Permission.VIEW_TENANT, id));
        ChangeRequest request = requests.file(tenantId, scenario, text, actor.username(), clock.instant());
        String target = "request " + request.id() + " " + scenario;
        tenantId.ifPresentOrElse(id -> audit.record(actor, id, Permission.VIEW_TENANT, "request.file", target, text),
                () -> audit.record(actor, "request.file", target, text));
        return request;
    }

    @Transactional(readOnly = true)
    public List<ChangeRequest> list(Actor actor) {
        return actor.authority().isOperator() ? requests.all()
                : requests.visibleTo(actor.authority().tenantIds(), actor.username());
    }

    @Transactional(readOnly = true)
    public ChangeRequest get(Actor actor, long id) {
        ChangeRequest request = requests.find(id).orElseThrow(() -> new NotFoundException("request " + id + " not found"));
        boolean visible = actor.authority().isOperator() || request.requestedBy().equals(actor.username())
                || request.tenantId().map(t -> actor.authority().may(Permission.VIEW_TENANT, t)).orElse(false);
        if (!visible) {
            throw new NotFoundException("request " + id + " not found");
        }
        return request;
    }

    /** Moves a request on; only its responsible role (or an operator) may. */
    public ChangeRequest move(Actor actor, long id, ChangeRequest.State next, String note) {
        ChangeRequest request = get(actor, id);
        boolean responsible = actor.authority().isOperator() || request.scenario().responsible()
                .flatMap(role -> request.tenantId().map(t -> actor.authority().roles(t).contains(role)))
                .orElse(false);
        if (!responsible) {
            throw new ForbiddenException("this request is carried out by "
                    + request.scenario().responsible().map(Enum::name).orElse("an operator"));
        }
        if (!request.state().canMoveTo(next)) {
            throw new ConflictException("a request that is " + request.state() + " cannot become " + next);
        }
        String text = note == null ? "" : note.strip();
        requests.update(id, next, actor.username(), text, clock.instant());
        String target = "request " + id + " " + request.scenario();
        String details = request.state() + " -> " + next + (text.isEmpty() ? "" : ": " + text);
        request.tenantId().ifPresentOrElse(
                t -> audit.record(actor, t, request.scenario().responsible().isPresent()
                        ? Permission.VIEW_TENANT : Permission.OPERATE, "request.move", target, details),
                () -> audit.record(actor, "request.move", target, details));
        return get(actor, id);
    }
}
