package de.poststelle.messenger.service;

import de.poststelle.core.tenant.AuditEntry;
import de.poststelle.core.tenant.AuthorityRegistration;
import de.poststelle.store.tenant.AuditLogRepository;
import de.poststelle.store.tenant.AuthorityRegistrationRepository;
import de.poststelle.store.tenant.DomainRepository;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An authority asks to use the gateway actively ("aktiver Nutzer"). The request waits for an
 * operator; the requester gets its reference by mail. Domains the gateway serves already, or that
 * another open request names, are refused: the operator would have to refuse them anyway.
 */
public final class AuthorityRegistrations {

    public sealed interface Outcome {
    }

    public record Submitted(AuthorityRegistration registration) implements Outcome {
    }

    public record Refused(List<AuthorityRequestForm.Problem> problems) implements Outcome {
    }

    public record TooManyRequests() implements Outcome {
    }

    /** Who the audit log names: nobody is logged in on the public form. */
    private static final String AUDIT_ACTOR = "registration-form";
    private static final String REFERENCE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final AuthorityRegistrationRepository registrations;
    private final DomainRepository domains;
    private final AuditLogRepository audit;
    private final AuthorityRegistrationMails mails;
    private final RateLimiter limiter;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public AuthorityRegistrations(AuthorityRegistrationRepository registrations, DomainRepository domains,
                                  AuditLogRepository audit, AuthorityRegistrationMails mails, RateLimiter limiter,
                                  TransactionTemplate transactions, Clock clock) {
        this.registrations = registrations;
        this.domains = domains;
        this.audit = audit;
        this.mails = mails;
        this.limiter = limiter;
        this.transactions = transactions;
        this.clock = clock;
    }

    public Outcome submit(AuthorityRequestForm form, String remote) {
        AuthorityRequestForm.Checked checked = form.check();
        if (!checked.problems().isEmpty()) {
            return new Refused(checked.problems());
        }
        if (!limiter.tryAcquire(remote)) {
            return new TooManyRequests();
        }
        AuthorityRegistration.Request request = checked.request();
        List<AuthorityRequestForm.Problem> unavailable = unavailable(request.domains());
        if (!unavailable.isEmpty()) {
            return new Refused(unavailable);
        }
        try {
            AuthorityRegistration registration = transactions.execute(status -> {
                AuthorityRegistration stored = registrations.submit(request, newReference(), clock.instant());
                audit.append(new AuditEntry(0, clock.instant(), AUDIT_ACTOR, remote, Optional.empty(),
                        "registration.submit", stored.reference(), request.authorityName() + " ("
                        + request.contactEmail() + "): " + String.join(", ", request.domains()), Optional.empty()));
                return stored;
            });
            mails.received(registration);
            return new Submitted(registration);
        } catch (DuplicateKeyException raced) {
            // another request for one of the domains arrived in the meantime
            List<AuthorityRequestForm.Problem> nowUnavailable = unavailable(request.domains());
            if (nowUnavailable.isEmpty()) {
                throw raced;
            }
            return new Refused(nowUnavailable);
        }
    }

    private List<AuthorityRequestForm.Problem> unavailable(List<String> requested) {
        List<AuthorityRequestForm.Problem> problems = new ArrayList<>();
        requested.stream().filter(domain -> domains.find(domain).isPresent())
                .forEach(domain -> problems.add(new AuthorityRequestForm.Problem("domains", "domain-served", domain)));
        registrations.openDomains(requested)
                .forEach(domain -> problems.add(new AuthorityRequestForm.Problem("domains", "domain-requested", domain)));
        return problems;
    }

    /** E.g. {@code SMGW-7K3M-Q9PX}: easy to read out on the phone, and not guessable from other requests. */
    private String newReference() {
        StringBuilder reference = new StringBuilder("SMGW-");
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                reference.append('-');
            }
            reference.append(REFERENCE_LETTERS.charAt(random.nextInt(REFERENCE_LETTERS.length())));
        }
        return reference.toString();
    }
}
