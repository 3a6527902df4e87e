package de.poststelle.core.tenant;

/**
 * Tells the requester of an {@link AuthorityRegistration} how it was decided. The administration
 * decides, the Messenger writes the mails (it holds the texts and sends through the gateway's queue).
 */
public interface AuthorityRegistrationNotices {

    void approved(AuthorityRegistration registration, String tenantName);

    void rejected(AuthorityRegistration registration);
}
