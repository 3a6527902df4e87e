package de.poststelle.admin.api;

import de.poststelle.core.tenant.Role;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Brute-force protection on the API login: five wrong passwords in a row lock the account for a while. */
class LoginLockoutTest extends ApiTestBase {

    @Test
    void fiveWrongPasswordsLockTheAccountEvenForTheRightPassword() {
        long tenant = createTenant(unique("Amt"));
        String username = unique("clerk");
        ApiClient.Session rightPassword = createAdmin(tenant, username, Role.USER_ADMIN);
        assertThat(rightPassword.get("/api/v1/me").status()).isEqualTo(200);

        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(api.as(username, "wrong-password-" + attempt).get("/api/v1/me").status()).isEqualTo(401);
        }
        ApiClient.Reply locked = rightPassword.get("/api/v1/me");

        assertThat(locked.status()).isEqualTo(401);
        assertThat(locked.contentType()).startsWith("application/problem+json");
        assertThat(locked.body()).doesNotContain("locked");
        ApiClient.Reply failures = ok(operator.get("/api/v1/audit?action=login.failed&actor=" + username));
        assertThat(failures.json().findValuesAsString("details")).containsExactly("LockedException",
                "BadCredentialsException", "BadCredentialsException", "BadCredentialsException",
                "BadCredentialsException", "BadCredentialsException");
    }

    @Test
    void theLockEndsAfterTheLockoutDuration() {
        long tenant = createTenant(unique("Amt"));
        String username = unique("clerk");
        ApiClient.Session rightPassword = createAdmin(tenant, username, Role.USER_ADMIN);
        for (int attempt = 1; attempt <= 5; attempt++) {
            api.as(username, "wrong-password-" + attempt).get("/api/v1/me");
        }
        assertThat(rightPassword.get("/api/v1/me").status()).isEqualTo(401);

        clock.advance(Duration.ofMinutes(16));

        assertThat(rightPassword.get("/api/v1/me").status()).isEqualTo(200);
    }

    @Test
    void anUnknownUserIsRefusedAndAudited() {
        String username = unique("nobody");

        assertThat(api.as(username, "some-password").get("/api/v1/me").status()).isEqualTo(401);

        ApiClient.Reply failures = ok(operator.get("/api/v1/audit?action=login.failed&actor=" + username));
        assertThat(failures.json()).hasSize(1);
    }
}
