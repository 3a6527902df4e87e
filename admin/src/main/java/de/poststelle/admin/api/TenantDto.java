package de.poststelle.admin.api;

import de.poststelle.core.tenant.Contact;
import de.poststelle.core.tenant.OperatorSettings;
import de.poststelle.core.tenant.Tenant;
import de.poststelle.core.tenant.TermsAcceptance;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/** A tenant as the API shows it; {@code terms} is null until the terms of use are accepted. */
public record TenantDto(long id, String name, ContactDto contact, TermsDto terms, Instant createdAt) {

    /** Creates or changes a tenant. */
    public record NameAndContact(@NotBlank @Size(max = 200) String name, @NotNull @Valid ContactDto contact) {
    }

    /** Accepts a version of the terms of use for the tenant. */
    public record TermsRequest(@NotBlank @Pattern(regexp = OperatorSettings.TERMS_VERSION_PATTERN) String version) {
    }

    public record ContactDto(@Size(max = 200) String name, @Email @Size(max = 320) String email,
                             @Size(max = 64) String phone) {

        Contact toContact() {
            return new Contact(name, email, phone);
        }
    }

    public record TermsDto(String version, String acceptedBy, Instant acceptedAt) {

        static TermsDto from(TermsAcceptance terms) {
            return new TermsDto(terms.version(), terms.acceptedBy(), terms.acceptedAt());
        }
    }

    static TenantDto from(Tenant tenant) {
        Contact contact = tenant.contact();
        return new TenantDto(tenant.id(), tenant.name(), new ContactDto(contact.name(), contact.email(), contact.phone()),
                tenant.terms().map(TermsDto::from).orElse(null), tenant.createdAt());
    }
}
