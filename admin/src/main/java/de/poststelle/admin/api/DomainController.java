package de.poststelle.admin.api;

import de.poststelle.admin.access.Actor;
import de.poststelle.admin.service.DomainService;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * A tenant's (sub)domains. Domain names are unique over all tenants, so a domain is addressed by
 * its name alone once it exists.
 */
@RestController
@RequestMapping("/api/v1")
class DomainController {

    private final DomainService domains;

    DomainController(DomainService domains) {
        this.domains = domains;
    }

    @GetMapping("/tenants/{tenantId}/domains")
    List<DomainDto> listDomains(Actor actor, @PathVariable long tenantId) {
        return domains.list(actor, tenantId).stream().map(DomainDto::from).toList();
    }

    @PostMapping("/tenants/{tenantId}/domains")
    @ResponseStatus(HttpStatus.CREATED)
    DomainDto createDomain(Actor actor, @PathVariable long tenantId, @Valid @RequestBody DomainDto.NewDomain request) {
        return DomainDto.from(domains.create(actor, tenantId, request.name(), request.operatorSettings().toSettings(),
                request.deliverySettings().toSettings()));
    }

    @GetMapping("/domains/{name}")
    DomainDto getDomain(Actor actor, @PathVariable String name) {
        return DomainDto.from(domains.get(actor, name));
    }

    @PutMapping("/domains/{name}/operator-settings")
    DomainDto updateOperatorSettings(Actor actor, @PathVariable String name,
                                     @Valid @RequestBody DomainDto.OperatorSettings settings) {
        return DomainDto.from(domains.updateOperatorSettings(actor, name, settings.toSettings()));
    }

    @PutMapping("/domains/{name}/delivery-settings")
    DomainDto updateDeliverySettings(Actor actor, @PathVariable String name,
                                     @Valid @RequestBody DomainDto.DeliverySettings settings) {
        return DomainDto.from(domains.updateDeliverySettings(actor, name, settings.toSettings()));
    }

    @DeleteMapping("/domains/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteDomain(Actor actor, @PathVariable String name) {
        domains.delete(actor, name);
    }
}
