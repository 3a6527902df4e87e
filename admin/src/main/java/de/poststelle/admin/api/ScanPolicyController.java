package de.poststelle.admin.api;

import de.poststelle.admin.access.Actor;
import de.poststelle.admin.service.ScanPolicyService;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A tenant's virus scan policy: who is told of quarantined mail, and fail-open. */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/scan-policy")
class ScanPolicyController {

    private final ScanPolicyService policies;

    ScanPolicyController(ScanPolicyService policies) {
        this.policies = policies;
    }

    @GetMapping
    ScanPolicyDto getScanPolicy(Actor actor, @PathVariable long tenantId) {
        return ScanPolicyDto.from(policies.get(actor, tenantId));
    }

    /** Replaces the whole policy; switching fail-open needs an operator (403 otherwise). */
    @PutMapping
    ScanPolicyDto updateScanPolicy(Actor actor, @PathVariable long tenantId, @Valid @RequestBody ScanPolicyDto request) {
        return ScanPolicyDto.from(policies.update(actor, tenantId, request.toPolicy()));
    }
}
