package de.poststelle.admin.api;

import de.poststelle.core.tenant.AddressMapping;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** An address mapping: the internal e-mail address and the De-Mail address of one mailbox. */
public record MappingDto(String email, String demail) {

    public record NewMapping(@NotBlank @Size(max = 254) String email, @NotBlank @Size(max = 254) String demail) {
    }

    static MappingDto from(AddressMapping mapping) {
        return new MappingDto(mapping.email().toString(), mapping.demail().toString());
    }
}
