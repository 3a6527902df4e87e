package de.poststelle.admin.api;

import de.poststelle.admin.access.Actor;
import de.poststelle.admin.service.AuthorityRegistrationService;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Optional;

/** Authorities' requests to use the gateway actively: operators list, approve and reject them. */
@RestController
@RequestMapping("/api/v1/registrations")
class RegistrationController {

    private final AuthorityRegistrationService registrations;

    RegistrationController(AuthorityRegistrationService registrations) {
        this.registrations = registrations;
    }

    /** Open requests first (oldest first), then decided ones (newest first). */
    @GetMapping
    List<RegistrationDto> listRegistrations(Actor actor) {
        return registrations.list(actor).stream().map(RegistrationDto::from).toList();
    }

    /** Creates the tenant and its mail domains; 409 if the request was decided already or a name or domain is taken. */
    @PostMapping("/{id}/approve")
    RegistrationDto approveRegistration(Actor actor, @PathVariable long id,
                                        @Valid @RequestBody(required = false)
                                        RegistrationDto.RegistrationApproval approval) {
        return RegistrationDto.from(registrations.approve(actor, id,
                Optional.ofNullable(approval).map(RegistrationDto.RegistrationApproval::tenantName)));
    }

    @PostMapping("/{id}/reject")
    RegistrationDto rejectRegistration(Actor actor, @PathVariable long id,
                                       @Valid @RequestBody RegistrationDto.RegistrationRejection rejection) {
        return RegistrationDto.from(registrations.reject(actor, id, rejection.reason()));
    }
}
