package de.poststelle.admin.security;

import de.poststelle.store.tenant.AdminUserRepository;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.Optional;

/**
 * The console login: user name and password as usual, then the one-time code for accounts that
 * enrolled a second factor. The password is checked first so that a locked account is reported
 * as locked and a wrong password counts as a failure whatever the code.
 */
public final class PasswordAndCodeLogin implements AuthenticationProvider {

    private final DaoAuthenticationProvider passwords;
    private final AdminUserRepository users;
    private final TotpCodes codes;

    public PasswordAndCodeLogin(AdminUserDetailsService accounts, PasswordEncoder encoder, AdminUserRepository users,
                                TotpCodes codes) {
        this.passwords = new DaoAuthenticationProvider(accounts);
        this.passwords.setPasswordEncoder(encoder);
        this.users = users;
        this.codes = codes;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        Authentication result = passwords.authenticate(authentication);
        Optional<String> secret = users.credentials(result.getName())
                .flatMap(AdminUserRepository.Credentials::totpSecret);
        String code = authentication.getDetails() instanceof LoginDetails details ? details.code() : "";
        if (secret.isPresent() && !codes.matches(secret.get(), code)) {
            // the same failure as a wrong password: it counts towards the lockout and reveals nothing
            throw new BadCredentialsException("one-time code missing or wrong");
        }
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
