package de.poststelle.messenger.service;

import de.poststelle.core.tenant.AuthorityRegistration;
import de.poststelle.core.tenant.AuthorityRegistrationNotices;

/** The mails an authority's requester gets: the acknowledgement with its reference, then the decision. */
public final class AuthorityRegistrationMails implements AuthorityRegistrationNotices {

    private final Notices notices;

    public AuthorityRegistrationMails(Notices notices) {
        this.notices = notices;
    }

    void received(AuthorityRegistration registration) {
        AuthorityRegistration.Request request = registration.request();
        notices.send(request.contactEmail(), "authority-received", registration.reference(), request.authorityName(),
                String.join(", ", request.domains()), request.mailServer());
    }

    @Override
    public void approved(AuthorityRegistration registration, String tenantName) {
        AuthorityRegistration.Request request = registration.request();
        notices.send(request.contactEmail(), "authority-approved", registration.reference(), tenantName,
                String.join(", ", request.domains()), request.mailServer());
    }

    @Override
    public void rejected(AuthorityRegistration registration) {
        notices.send(registration.request().contactEmail(), "authority-rejected", registration.reference(),
                registration.request().authorityName(), registration.reason());
    }
}
