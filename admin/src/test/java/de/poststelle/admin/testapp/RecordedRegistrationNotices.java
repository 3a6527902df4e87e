package de.poststelle.admin.testapp;

import de.poststelle.core.tenant.AuthorityRegistration;
import de.poststelle.core.tenant.AuthorityRegistrationNotices;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The app's Messenger writes the requester's mails; here each decision is kept as one line, e.g.
 * {@code approved SMGW-… as Stadt X}, so tests see whether and how the requester would be told.
 */
public final class RecordedRegistrationNotices implements AuthorityRegistrationNotices {

    private final List<String> sent = new CopyOnWriteArrayList<>();

    @Override
    public void approved(AuthorityRegistration registration, String tenantName) {
        sent.add("approved " + registration.reference() + " as " + tenantName + " to "
                + registration.request().contactEmail());
    }

    @Override
    public void rejected(AuthorityRegistration registration) {
        sent.add("rejected " + registration.reference() + " because " + registration.reason() + " to "
                + registration.request().contactEmail());
    }

    /** The notices about one request. */
    public List<String> about(String reference) {
        return sent.stream().filter(line -> line.contains(" " + reference + " ")).toList();
    }
}
