package de.poststelle.admin.api;

import de.poststelle.core.tenant.Contact;
import de.poststelle.core.tenant.OperatorSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.util.Optional;

/**
 * The operator's gateway-wide settings. {@code currentTermsVersion} empty or null: no terms need
 * accepting; {@code defaultCluster} null: new domains without a cluster stay without one.
 */
public record SettingsDto(@Pattern(regexp = "|" + OperatorSettings.TERMS_VERSION_PATTERN) String currentTermsVersion,
                          @NotNull @Valid TenantDto.ContactDto supportContact, String defaultCluster) {

    OperatorSettings toSettings() {
        return new OperatorSettings(Optional.ofNullable(currentTermsVersion), supportContact.toContact(),
                Optional.ofNullable(defaultCluster));
    }

    static SettingsDto from(OperatorSettings settings) {
        Contact support = settings.supportContact();
        return new SettingsDto(settings.currentTermsVersion().orElse(""),
                new TenantDto.ContactDto(support.name(), support.email(), support.phone()),
                settings.defaultCluster().orElse(null));
    }
}
