package de.poststelle.core.tenant;

import de.poststelle.core.MailAddress;

import java.util.Locale;

/**
 * One mailbox of a tenant: its internal e-mail address and its De-Mail address, each unique.
 * Both are kept lower-case: mailbox names of authorities are not case-sensitive in practice, and a
 * mapping that missed "Max.Muster@" for "max.muster@" would bounce mail a clerk expects.
 */
public record AddressMapping(long tenantId, MailAddress email, MailAddress demail) {

    public AddressMapping {
        email = normalize(email);
        demail = normalize(demail);
        if (email.equals(demail)) {
            throw new IllegalArgumentException("e-mail and De-Mail address must differ");
        }
    }

    public static MailAddress normalize(MailAddress address) {
        return new MailAddress(address.localPart().toLowerCase(Locale.ROOT), address.domain());
    }
}
