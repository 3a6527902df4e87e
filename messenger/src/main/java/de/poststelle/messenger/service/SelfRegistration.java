package de.poststelle.messenger.service;

import de.poststelle.core.MailAddress;
import de.poststelle.messenger.MessengerProperties;
import de.poststelle.messenger.store.Mailbox;
import de.poststelle.messenger.store.MailboxRepository;
import de.poststelle.messenger.store.MessengerAuditLog;

import java.time.Clock;
import java.util.Locale;

/**
 * A citizen registers an address ("passive user") to write to an authority first. The link goes
 * to the address, the PIN in a second mail. Addresses of the administration's own namespaces are
 * refused (they use the gateway actively), and so is an address that has a mailbox already.
 */
public final class SelfRegistration {

    public enum Outcome { REGISTERED, INVALID_ADDRESS, INTERNAL_NAMESPACE, MAILBOX_EXISTS, TOO_MANY_REQUESTS }

    private final MailboxRepository mailboxes;
    private final Activations activations;
    private final Notices notices;
    private final MessengerAuditLog audit;
    private final RateLimiter limiter;
    private final MessengerProperties properties;
    private final Clock clock;

    public SelfRegistration(MailboxRepository mailboxes, Activations activations, Notices notices,
                            MessengerAuditLog audit, RateLimiter limiter, MessengerProperties properties, Clock clock) {
        this.mailboxes = mailboxes;
        this.activations = activations;
        this.notices = notices;
        this.audit = audit;
        this.limiter = limiter;
        this.properties = properties;
        this.clock = clock;
    }

    public Outcome register(String addressText, String remote) {
        MailAddress address;
        try {
            address = MailAddress.parse(addressText == null ? "" : addressText.strip());
        } catch (IllegalArgumentException e) {
            return Outcome.INVALID_ADDRESS;
        }
        if (internal(address.domain())) {
            return Outcome.INTERNAL_NAMESPACE;
        }
        if (!limiter.tryAcquire(remote)) {
            return Outcome.TOO_MANY_REQUESTS;
        }
        if (mailboxes.find(address.toString()).isPresent()) {
            return Outcome.MAILBOX_EXISTS;
        }
        Mailbox mailbox = mailboxes.findOrCreate(address.toString(), clock.instant());
        Activations.Grant grant = activations.issue(mailbox);
        audit.record(mailbox.address(), "self-registered", "", remote);
        notices.send(mailbox.address(), "registration-link", properties.link("/messenger/activate/" + grant.token()));
        notices.send(mailbox.address(), "registration-pin", grant.pin());
        return Outcome.REGISTERED;
    }

    /** {@code *.example.org} covers example.org and every domain below it; other entries one domain each. */
    boolean internal(String domain) {
        return properties.internalNamespaces().stream().map(entry -> entry.strip().toLowerCase(Locale.ROOT))
                .anyMatch(entry -> entry.startsWith("*.")
                        ? domain.equals(entry.substring(2)) || domain.endsWith(entry.substring(1))
                        : domain.equals(entry));
    }
}
