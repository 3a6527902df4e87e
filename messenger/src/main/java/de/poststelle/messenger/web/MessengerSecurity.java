package de.poststelle.messenger.web;

import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * The Messenger's own filter chain under {@code /messenger}: its own login and its own place in
 * the session, so a citizen's login never counts as an administrator's and the console's chain
 * (which takes every other path) never sees it. CSRF tokens guard every form; the policy lets
 * pages load nothing but our stylesheet, so even a mail's HTML that slipped through the sanitiser
 * could neither run script nor fetch remote content.
 */
final class MessengerSecurity {

    static final String SESSION_KEY = "POSTSTELLE_MESSENGER_SECURITY_CONTEXT";

    private static final String POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self';"
            + " frame-ancestors 'none'; base-uri 'none'";

    private MessengerSecurity() {
    }

    static SecurityFilterChain chain(HttpSecurity http, MailboxLogin login) throws Exception {
        HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
        contexts.setSpringSecurityContextKey(SESSION_KEY);
        return http.securityMatcher("/messenger/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/messenger/login", "/messenger/activate/**", "/messenger/register",
                                "/messenger/register/authority", "/messenger/messenger.css").permitAll()
                        .anyRequest().hasAuthority(MailboxLogin.ROLE))
                .authenticationManager(new ProviderManager(login))
                .securityContext(context -> context.securityContextRepository(contexts))
                .formLogin(form -> form.loginPage("/messenger/login").loginProcessingUrl("/messenger/login")
                        .defaultSuccessUrl("/messenger/inbox", true).failureUrl("/messenger/login?error"))
                .logout(logout -> logout.logoutUrl("/messenger/logout").logoutSuccessUrl("/messenger/login?logout"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(POLICY)))
                .build();
    }
}
