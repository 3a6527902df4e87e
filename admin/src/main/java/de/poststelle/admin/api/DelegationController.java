package de.poststelle.admin.api;

import de.poststelle.admin.access.Actor;
import de.poststelle.admin.service.DelegationService;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Optional;

/** A tenant's delegations to service partners, kept by its user admin. */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/delegations")
class DelegationController {

    private final DelegationService delegations;
    DelegationController(DelegationService delegations) {
        this.delegations = delegations;
    }

    @GetMapping
    List<DelegationDto> listDelegations(Actor actor, @PathVariable long tenantId) {
        return delegations.list(actor, tenantId).stream().map(DelegationDto::from).toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    DelegationDto grantDelegation(Actor actor, @PathVariable long tenantId, @Valid @RequestBody DelegationDto.NewDelegation request) {
        return DelegationDto.from(delegations.grant(actor, tenantId, request.grantee(), request.roles(), request.isCommissioning(),
                Optional.ofNullable(request.validFrom()), Optional.ofNullable(request.validUntil())));
    }

    /** Revoked delegations stay listed, with the time they stopped working. */
    @DeleteMapping("/{delegationId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revokeDelegation(Actor actor, @PathVariable long tenantId, @PathVariable long delegationId) {
        delegations.revoke(actor, tenantId, delegationId);
    }
}
