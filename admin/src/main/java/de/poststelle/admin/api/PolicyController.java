package de.poststelle.admin.api;

import de.poststelle.admin.access.Actor;
import de.poststelle.admin.service.PolicyService;
import de.poststelle.core.MailAddress;
import de.poststelle.core.policy.RuleLevel;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's encryption policy, kept by its technical admin, and "explain" for one sender and
 * recipient. A rule is addressed by its level and its address or domain ({@code match}).
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/encryption-policy")
class PolicyController {

    private final PolicyService policies;

    PolicyController(PolicyService policies) {
        this.policies = policies;
    }

    @GetMapping
    PolicyDto getPolicy(Actor actor, @PathVariable long tenantId) {
        return PolicyDto.from(policies.get(actor, tenantId));
    }

    @PutMapping("/settings")
    PolicyDto.Settings updatePolicySettings(Actor actor, @PathVariable long tenantId,
                                            @Valid @RequestBody PolicyDto.Settings request) {
        return PolicyDto.Settings.from(policies.updateSettings(actor, tenantId, request.toSettings()));
    }

    /** Creates the rule, or replaces the one with the same level and match. */
    @PutMapping("/rules")
    PolicyDto.Rule saveRule(Actor actor, @PathVariable long tenantId, @Valid @RequestBody PolicyDto.Rule request) {
        return PolicyDto.Rule.from(policies.saveRule(actor, tenantId, request.toRule(tenantId)));
    }

    @DeleteMapping("/rules/{level}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeRule(Actor actor, @PathVariable long tenantId, @PathVariable RuleLevel level,
                    @RequestParam(defaultValue = "") String match) {
        policies.removeRule(actor, tenantId, level, match);
    }

    @GetMapping("/explain")
    PolicyDto.Explanation explain(Actor actor, @PathVariable long tenantId, @RequestParam String sender,
                                  @RequestParam String recipient) {
        return PolicyDto.Explanation.from(policies.explain(actor, tenantId, MailAddress.parse(sender),
                MailAddress.parse(recipient)));
    }
}
