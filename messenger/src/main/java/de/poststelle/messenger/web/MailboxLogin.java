package de.poststelle.messenger.web;

import de.poststelle.messenger.MessengerProperties;
import de.poststelle.messenger.service.MailboxPasswords;
import de.poststelle.messenger.store.Mailbox;
import de.poststelle.messenger.store.MailboxRepository;
import de.poststelle.messenger.store.MessengerAuditLog;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Login to an active mailbox with address and password. After too many wrong passwords the mailbox
 * is locked for a while, which limits guessing; every login and failure is audited. Unknown and
 * inactive addresses fail exactly like a wrong password.
 */
final class MailboxLogin implements AuthenticationProvider {

    static final String ROLE = "MESSENGER_USER";

    private final MailboxRepository mailboxes;
    private final MailboxPasswords passwords;
    private final MessengerAuditLog audit;
    private final MessengerProperties properties;
    private final Clock clock;

    MailboxLogin(MailboxRepository mailboxes, MailboxPasswords passwords, MessengerAuditLog audit,
                 MessengerProperties properties, Clock clock) {
        this.mailboxes = mailboxes;
        this.passwords = passwords;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public Authentication authenticate(Authentication request) {
        String address = MailboxRepository.normalise(request.getName());
        String password = String.valueOf(request.getCredentials());
        String remote = request.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : "";
        Optional<Mailbox> found = mailboxes.find(address).filter(Mailbox::active);
        if (found.isEmpty()) {
            throw new BadCredentialsException("wrong address or password");
        }
        Mailbox mailbox = found.get();
        Instant now = clock.instant();
        if (mailbox.loginLockedUntil().filter(now::isBefore).isPresent()) {
            audit.record(address, "login-locked", "", remote);
            throw new LockedException("mailbox locked after failed logins");
        }
        if (!passwords.matches(password, mailbox.passwordHash().orElseThrow())) {
            int failed = mailbox.failedLogins() + 1;
            boolean lock = failed >= properties.maxFailedLogins();
            mailboxes.recordFailedLogin(mailbox.id(), lock ? 0 : failed,
                    lock ? Optional.of(now.plus(properties.loginLockout())) : Optional.empty());
            audit.record(address, "login-failed", lock ? "locked" : "", remote);
            throw new BadCredentialsException("wrong address or password");
        }
        mailboxes.recordLogin(mailbox.id(), now);
        audit.record(address, "login", "", remote);
        return UsernamePasswordAuthenticationToken.authenticated(address, null, AuthorityUtils.createAuthorityList(ROLE));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
