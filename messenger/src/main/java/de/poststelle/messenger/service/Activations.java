package de.poststelle.messenger.service;

import de.poststelle.messenger.MessengerProperties;
import de.poststelle.messenger.store.Activation;
import de.poststelle.messenger.store.ActivationRepository;
import de.poststelle.messenger.store.Mailbox;
import de.poststelle.messenger.store.MailboxRepository;
import de.poststelle.messenger.store.MessengerAuditLog;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Activation of a mailbox with a one-time link and a PIN that travels another way. Issuing a new
 * activation invalidates every earlier link and PIN of the mailbox; a used link is gone; too many
 * wrong PINs kill the activation, and only a new one (a new protected mail) opens the mailbox then.
 */
public final class Activations {

    public static final int MIN_PASSWORD_LENGTH = 10;

    /** What the recipient needs: the token goes into the link, the PIN goes separately; both expire together. */
    public record Grant(String token, String pin, Instant expires) {
    }

    public enum Outcome { ACTIVATED, UNKNOWN_LINK, EXPIRED, LOCKED, WRONG_PIN, WEAK_PASSWORD }

    public record Result(Outcome outcome, int attemptsLeft) {
    }

    private final ActivationRepository activations;
    private final MailboxRepository mailboxes;
    private final MailboxPasswords passwords;
    private final MessengerAuditLog audit;
    private final TransactionTemplate transactions;
    private final MessengerProperties properties;
    private final Clock clock;

    public Activations(ActivationRepository activations, MailboxRepository mailboxes, MailboxPasswords passwords,
                       MessengerAuditLog audit, TransactionTemplate transactions, MessengerProperties properties,
                       Clock clock) {
        this.activations = activations;
        this.mailboxes = mailboxes;
        this.passwords = passwords;
        this.audit = audit;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    public Grant issue(Mailbox mailbox) {
        Grant grant = newGrant();
        activations.replace(mailbox.id(), Secrets.hashToken(grant.token()), passwords.hash(grant.pin()), grant.expires());
        audit.record(mailbox.address(), "activation-issued", "", "");
        return grant;
    }

    /**
     * A grant for a delivery run again, which leaves the others alone: the grant of the earlier run
     * either never went out, or went out with the run that took over this one's lease and must
     * keep working. Either way no link the recipient holds is killed.
     */
    public Grant issueForRepeatedDelivery(Mailbox mailbox) {
        Grant grant = newGrant();
        activations.add(mailbox.id(), Secrets.hashToken(grant.token()), passwords.hash(grant.pin()), grant.expires());
        audit.record(mailbox.address(), "activation-issued", "repeated delivery", "");
        return grant;
    }

    private Grant newGrant() {
        return new Grant(Secrets.newToken(), Secrets.newPin(), clock.instant().plus(properties.activationValidity()));
    }

    /** The state of a link before the recipient typed anything, so the page can say what is wrong at once. */
    public Outcome check(String token) {
        return activations.findByToken(Secrets.hashToken(token)).map(this::state).orElse(Outcome.UNKNOWN_LINK);
    }

    public Result activate(String token, String pin, String password, String remote) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            return new Result(Outcome.WEAK_PASSWORD, 0);
        }
        return transactions.execute(status -> {
            Optional<Activation> found = activations.findByToken(Secrets.hashToken(token));
            if (found.isEmpty()) {
                return new Result(Outcome.UNKNOWN_LINK, 0);
            }
            Activation activation = found.get();
            Outcome state = state(activation);
            if (state != Outcome.ACTIVATED) {
                return new Result(state, 0);
            }
            String address = mailboxes.findById(activation.mailboxId()).orElseThrow().address();
            if (!passwords.matches(pin.strip(), activation.pinHash())) {
                activations.recordWrongPin(activation.id());
                int left = properties.maxPinAttempts() - activation.failedPins() - 1;
                audit.record(address, left > 0 ? "activation-wrong-pin" : "activation-locked", "", remote);
                return new Result(left > 0 ? Outcome.WRONG_PIN : Outcome.LOCKED, left);
            }
            mailboxes.activate(activation.mailboxId(), passwords.hash(password), clock.instant());
            activations.deleteFor(activation.mailboxId());
            audit.record(address, "activated", "", remote);
            return new Result(Outcome.ACTIVATED, 0);
        });
    }

    /** ACTIVATED here means: still usable. */
    private Outcome state(Activation activation) {
        Instant now = clock.instant();
        if (activation.failedPins() >= properties.maxPinAttempts()) {
            return Outcome.LOCKED;
        }
        return now.isAfter(activation.expiresAt()) ? Outcome.EXPIRED : Outcome.ACTIVATED;
    }
}
