package de.poststelle.admin.api;

import de.poststelle.admin.access.Actor;
import de.poststelle.admin.service.MappingService;
import de.poststelle.core.MailAddress;
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

/** A tenant's address mappings, kept by its account admin; a mapping is addressed by its e-mail address. */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/mappings")
class MappingController {

    private final MappingService mappings;

    MappingController(MappingService mappings) {
        this.mappings = mappings;
    }

    @GetMapping
    List<MappingDto> listMappings(Actor actor, @PathVariable long tenantId) {
        return mappings.list(actor, tenantId).stream().map(MappingDto::from).toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    MappingDto addMapping(Actor actor, @PathVariable long tenantId, @Valid @RequestBody MappingDto.NewMapping request) {
        return MappingDto.from(mappings.add(actor, tenantId, MailAddress.parse(request.email()),
                MailAddress.parse(request.demail())));
    }

    @DeleteMapping("/{email}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeMapping(Actor actor, @PathVariable long tenantId, @PathVariable String email) {
        mappings.remove(actor, tenantId, MailAddress.parse(email));
    }
}
