package de.poststelle.admin.api;

import de.poststelle.admin.access.Actor;
import de.poststelle.admin.service.MessengerNoticeService;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A tenant's wording of the notices its Messenger recipients get. */
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/messenger-notices")
class MessengerNoticesController {

    private final MessengerNoticeService notices;

    MessengerNoticesController(MessengerNoticeService notices) {
        this.notices = notices;
    }

    @GetMapping
    MessengerNoticesDto getMessengerNotices(Actor actor, @PathVariable long tenantId) {
        return MessengerNoticesDto.from(notices.get(actor, tenantId));
    }

    /** Replaces all texts; an empty list goes back to the built-in texts. */
    @PutMapping
    MessengerNoticesDto updateMessengerNotices(Actor actor, @PathVariable long tenantId,
                                               @Valid @RequestBody MessengerNoticesDto request) {
        return MessengerNoticesDto.from(notices.update(actor, tenantId, request.toTemplates()));
    }
}
