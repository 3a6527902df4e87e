package de.poststelle.admin;

import de.poststelle.admin.api.ProblemAuthenticationEntryPoint;
import de.poststelle.admin.security.AdminUserDetailsService;
import de.poststelle.admin.security.LoginDetails;
import de.poststelle.admin.security.PasswordAndCodeLogin;
import de.poststelle.admin.security.TotpCodes;
import de.poststelle.store.tenant.AdminUserRepository;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Two ways in. The REST API under {@code /api} authenticates every request with HTTP Basic and
 * keeps no session, so there is no cookie a foreign site could ride on and CSRF tokens are not
 * needed there. The console uses its own login page (password, then the one-time code for accounts
 * that use one) with a session cookie and CSRF tokens on every change. Health and Prometheus metrics stay reachable without login for monitoring.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class SecurityConfiguration {

    /** Only our own scripts, styles and forms: injected markup can neither run script nor post elsewhere. */
    private static final String CONSOLE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http) throws Exception {
        return http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(new ProblemAuthenticationEntryPoint()))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(new ProblemAuthenticationEntryPoint()))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }

    /**
     * The console logs in with its own manager, without the shared parent the API uses: a wrong
     * one-time code must end the attempt, not fall through to a password-only check.
     */
    @Bean
    @Order(2)
    SecurityFilterChain consoleSecurity(HttpSecurity http, AdminUserDetailsService accounts, PasswordEncoder encoder,
                                        AdminUserRepository users, TotpCodes codes,
                                        ApplicationEventPublisher events) throws Exception {
        ProviderManager login = new ProviderManager(new PasswordAndCodeLogin(accounts, encoder, users, codes));
        login.setAuthenticationEventPublisher(new DefaultAuthenticationEventPublisher(events));
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/prometheus",
                                "/actuator/info", "/error", "/login", "/css/**", "/js/**").permitAll()
                        // documenting the API publicly reveals nothing a login would protect
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml").permitAll()
                        .anyRequest().authenticated())
                .authenticationManager(login)
                .formLogin(form -> form.loginPage("/login").authenticationDetailsSource(LoginDetails::new))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout").deleteCookies("JSESSIONID"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONSOLE_POLICY)))
                .build();
    }
}
