package de.poststelle.admin.security;

import de.poststelle.store.tenant.AdminUserRepository;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

import java.time.Clock;

/** Loads admin accounts for login; a locked or disabled account cannot log in even with the right password. */
public final class AdminUserDetailsService implements UserDetailsService {

    private final AdminUserRepository users;
    private final Clock clock;

    public AdminUserDetailsService(AdminUserRepository users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        AdminUserRepository.Credentials credentials = users.credentials(username)
                .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
        boolean locked = credentials.lockedUntil().map(until -> until.isAfter(clock.instant())).orElse(false);
        return User.withUsername(credentials.user().username())
                .password(credentials.passwordHash())
                .disabled(!credentials.user().enabled())
                .accountLocked(locked)
                .authorities(credentials.user().operator() ? "ROLE_OPERATOR" : "ROLE_ADMIN")
                .build();
    }
}
