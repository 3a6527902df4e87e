package de.poststelle.admin.api;

import de.poststelle.admin.access.Actor;
import de.poststelle.admin.service.TenantService;
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

/** Tenants: operators create and delete them; a tenant's user admin keeps the contact and accepts the terms. */
@RestController
@RequestMapping("/api/v1/tenants")
class TenantController {

    private final TenantService tenants;

    TenantController(TenantService tenants) {
        this.tenants = tenants;
    }

    /** The tenants the caller holds a role in; all of them for an operator. */
    @GetMapping
    List<TenantDto> listTenants(Actor actor) {
        return tenants.list(actor).stream().map(TenantDto::from).toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    TenantDto createTenant(Actor actor, @Valid @RequestBody TenantDto.NameAndContact request) {
        return TenantDto.from(tenants.create(actor, request.name(), request.contact().toContact()));
    }

    @GetMapping("/{tenantId}")
    TenantDto getTenant(Actor actor, @PathVariable long tenantId) {
        return TenantDto.from(tenants.get(actor, tenantId));
    }

    /** Changes the contact; renaming is for operators only. */
    @PutMapping("/{tenantId}")
    TenantDto updateTenant(Actor actor, @PathVariable long tenantId, @Valid @RequestBody TenantDto.NameAndContact request) {
        return TenantDto.from(tenants.update(actor, tenantId, request.name(), request.contact().toContact()));
    }

    /** Only a tenant without domains, mappings, admins, delegations and requests can be deleted. */
    @DeleteMapping("/{tenantId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteTenant(Actor actor, @PathVariable long tenantId) {
        tenants.delete(actor, tenantId);
    }

    @PutMapping("/{tenantId}/terms")
    TenantDto acceptTerms(Actor actor, @PathVariable long tenantId,
                          @Valid @RequestBody TenantDto.TermsRequest request) {
        return TenantDto.from(tenants.acceptTerms(actor, tenantId, request.version()));
    }
}
