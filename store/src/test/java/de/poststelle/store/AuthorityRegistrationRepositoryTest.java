package de.poststelle.store;

import com.zaxxer.hikari.HikariDataSource;
import de.poststelle.core.tenant.AuthorityRegistration;
import de.poststelle.core.tenant.AuthorityRegistration.State;
import de.poststelle.core.tenant.Contact;
import de.poststelle.core.tenant.Tenant;
import de.poststelle.store.tenant.AuthorityRegistrationRepository;
import de.poststelle.store.tenant.TenantRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.dao.DuplicateKeyException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Authority registrations survive a round trip through H2 and PostgreSQL; one open request per domain. */
class AuthorityRegistrationRepositoryTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private HikariDataSource dataSource;

    @AfterEach
    void close() {
        if (dataSource != null) {
            dataSource.close();
        }
    }

    private static AuthorityRegistration.Request request(String name, String... domains) {
        return new AuthorityRegistration.Request(name, "Frau Muster", "it@" + domains[0], "0351 123",
                List.of(domains), "mx.stadt.example", "bitte bis Monatsende");
    }

    private AuthorityRegistrationRepository repository(TestDatabase database) throws Exception {
        dataSource = database.create();
        return new AuthorityRegistrationRepository(dataSource);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aRequestKeepsEveryFieldAndItsDomainsInOrder(TestDatabase database) throws Exception {
        AuthorityRegistrationRepository registrations = repository(database);
        AuthorityRegistration.Request request = request("Stadt Musterhausen", "musterhausen.example",
                "amt.musterhausen.example");

        AuthorityRegistration stored = registrations.submit(request, "SMGW-ABCD-EFGH", T0);

        assertThat(registrations.find(stored.id())).contains(stored);
        assertThat(stored.request()).isEqualTo(request);
        assertThat(stored.reference()).isEqualTo("SMGW-ABCD-EFGH");
        assertThat(stored.state()).isEqualTo(State.OPEN);
        assertThat(stored.submittedAt()).isEqualTo(T0);
        assertThat(stored.decidedBy()).isEmpty();
        assertThat(stored.tenantId()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aDomainCanBeInOnlyOneOpenRequestUntilThatOneIsDecided(TestDatabase database) throws Exception {
        AuthorityRegistrationRepository registrations = repository(database);
        AuthorityRegistration first = registrations.submit(request("Stadt A", "a.example", "shared.example"),
                "SMGW-AAAA-AAAA", T0);

        assertThat(registrations.openDomains(List.of("shared.example", "other.example"))).containsExactly("shared.example");
        assertThatThrownBy(() -> registrations.submit(request("Stadt B", "shared.example"), "SMGW-BBBB-BBBB", T0))
                .isInstanceOf(DuplicateKeyException.class);

        assertThat(registrations.decide(first.id(), State.REJECTED, "operator", T0.plusSeconds(60), "unbekannt"))
                .isTrue();
        assertThat(registrations.openDomains(List.of("shared.example"))).isEmpty();
        AuthorityRegistration second = registrations.submit(request("Stadt B", "shared.example"), "SMGW-BBBB-CCCC", T0);
        assertThat(second.request().domains()).containsExactly("shared.example");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aRequestIsDecidedOnceAndLinksTheTenantItCreated(TestDatabase database) throws Exception {
        AuthorityRegistrationRepository registrations = repository(database);
        AuthorityRegistration request = registrations.submit(request("Stadt C", "c.example"), "SMGW-CCCC-CCCC", T0);
        Tenant tenant = new TenantRepository(dataSource, Clock.fixed(T0, ZoneOffset.UTC))
                .create("Stadt C", new Contact("Frau Muster", "it@c.example", ""));
        Instant decided = T0.plus(Duration.ofHours(2));

        assertThat(registrations.decide(request.id(), State.APPROVED, "operator", decided, "")).isTrue();
        registrations.linkTenant(request.id(), tenant.id());
        assertThat(registrations.decide(request.id(), State.REJECTED, "other", decided, "zu spät")).isFalse();

        AuthorityRegistration approved = registrations.find(request.id()).orElseThrow();
        assertThat(approved.state()).isEqualTo(State.APPROVED);
        assertThat(approved.decidedBy()).contains("operator");
        assertThat(approved.decidedAt()).contains(decided);
        assertThat(approved.reason()).isEmpty();
        assertThat(approved.tenantId()).contains(tenant.id());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void openRequestsComeFirstOldestFirstThenDecidedOnesNewestFirst(TestDatabase database) throws Exception {
        AuthorityRegistrationRepository registrations = repository(database);
        AuthorityRegistration decidedEarly = registrations.submit(request("D1", "d1.example"), "SMGW-D1", T0);
        AuthorityRegistration decidedLate = registrations.submit(request("D2", "d2.example"), "SMGW-D2", T0);
        AuthorityRegistration openLate = registrations.submit(request("O2", "o2.example"), "SMGW-O2", T0.plusSeconds(20));
        AuthorityRegistration openEarly = registrations.submit(request("O1", "o1.example"), "SMGW-O1", T0.plusSeconds(10));
        registrations.decide(decidedEarly.id(), State.REJECTED, "operator", T0.plusSeconds(30), "nein");
        registrations.decide(decidedLate.id(), State.REJECTED, "operator", T0.plusSeconds(40), "nein");

        assertThat(registrations.all()).extracting(AuthorityRegistration::reference)
                .containsExactly(openEarly.reference(), openLate.reference(), decidedLate.reference(),
                        decidedEarly.reference());
    }
}
