package de.poststelle.admin.service;

import de.poststelle.admin.access.Actor;
import de.poststelle.admin.access.AuditTrail;
import de.poststelle.admin.security.TotpCodes;
import de.poststelle.store.tenant.AdminUserRepository;
import org.springframework.transaction.annotation.Transactional;

import java.util.Optional;

/**
 * The optional second factor of the own account: one-time codes (TOTP). It is switched on only
 * after the user proved with a code that the authenticator app holds the secret, and switched off
 * only with a current code, so a stolen session alone cannot remove it.
 */
@Transactional
public class SecondFactorService {

    private final AdminUserRepository users;
    private final TotpCodes codes;
    private final AuditTrail audit;

    public SecondFactorService(AdminUserRepository users, TotpCodes codes, AuditTrail audit) {
        this.users = users;
        this.codes = codes;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public boolean enabled(Actor actor) {
        return secretOf(actor).isPresent();
    }

    /** Stores the secret if the code matches it; false if it does not. */
    public boolean enable(Actor actor, String secret, String code) {
        if (!codes.matches(secret, code)) {
            return false;
        }
        users.setTotpSecret(actor.authority().user().id(), Optional.of(secret));
        audit.record(actor, "admin.enable-totp", actor.username(), "");
        return true;
    }

    /** Removes the second factor if the code is current; false if it is not. */
    public boolean disable(Actor actor, String code) {
        if (secretOf(actor).filter(secret -> codes.matches(secret, code)).isEmpty()) {
            return false;
        }
        users.setTotpSecret(actor.authority().user().id(), Optional.empty());
        audit.record(actor, "admin.disable-totp", actor.username(), "");
        return true;
    }

    private Optional<String> secretOf(Actor actor) {
        return users.credentials(actor.username()).flatMap(AdminUserRepository.Credentials::totpSecret);
    }
}
