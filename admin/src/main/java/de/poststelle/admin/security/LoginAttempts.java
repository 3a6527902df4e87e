package de.poststelle.admin.security;

import de.poststelle.admin.access.AuditTrail;
import de.poststelle.store.tenant.AdminUserRepository;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;

/**
 * Locks an account after too many failed logins in a row (brute-force protection) and writes
 * logins and failures to the audit log. Unknown user names are audited too but lock nothing.
 */
public class LoginAttempts {

    private final AdminUserRepository users;
    private final AuditTrail audit;
    private final AdminProperties properties;
    private final Clock clock;

    public LoginAttempts(AdminUserRepository users, AuditTrail audit, AdminProperties properties, Clock clock) {
        this.users = users;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    @EventListener
    @Transactional
    public void failed(AbstractAuthenticationFailureEvent event) {
        String username = event.getAuthentication().getName();
        String reason = event.getException().getClass().getSimpleName();
        if (event instanceof AuthenticationFailureBadCredentialsEvent) {
            users.findByUsername(username).ifPresent(user -> users.recordFailedLogin(user.id(),
                    properties.lockoutAttempts(), clock.instant().plus(properties.lockoutDuration())));
        }
        audit.recordSystem(clip(username), remoteAddress(event.getAuthentication().getDetails()), "login.failed",
                clip(username), reason);
    }

    @EventListener
    @Transactional
    public void succeeded(AuthenticationSuccessEvent event) {
        String username = event.getAuthentication().getName();
        users.findByUsername(username).ifPresent(user -> users.recordSuccessfulLogin(user.id()));
    }

    private static String remoteAddress(Object details) {
        return details instanceof WebAuthenticationDetails web && web.getRemoteAddress() != null
                ? web.getRemoteAddress() : "";
    }

    private static String clip(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100);
    }
}
