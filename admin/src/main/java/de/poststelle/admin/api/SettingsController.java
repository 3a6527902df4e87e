package de.poststelle.admin.api;

import de.poststelle.admin.access.Actor;
import de.poststelle.admin.service.OperatorSettingsService;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The operator's gateway-wide settings: every admin reads them, operators change them. */
@RestController
@RequestMapping("/api/v1/settings")
class SettingsController {

    private final OperatorSettingsService settings;

    SettingsController(OperatorSettingsService settings) {
        this.settings = settings;
    }

    @GetMapping
    SettingsDto getSettings(Actor actor) {
        return SettingsDto.from(settings.get(actor));
    }

    /** Replaces all settings at once; an unknown default cluster is refused with 400. */
    @PutMapping
    SettingsDto updateSettings(Actor actor, @Valid @RequestBody SettingsDto request) {
        return SettingsDto.from(settings.update(actor, request.toSettings()));
    }
}
