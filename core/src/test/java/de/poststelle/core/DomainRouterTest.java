package de.poststelle.core;

import de.poststelle.core.tenant.DomainKind;
import de.poststelle.core.tenant.SendDirection;
import de.poststelle.core.tenant.TenantDomain;
import de.poststelle.core.tenant.UnmappedPolicy;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DomainRouterTest {

    private static final NextHop TENANT_SERVER = NextHop.of("mail.behoerde.example", 25, TlsMode.REQUIRED);
    private static final NextHop SMARTHOST = NextHop.of("relay.example", 587, TlsMode.REQUIRED);
    private static final NextHop PARTNER = NextHop.of("mx.partner.example", 25, TlsMode.OPPORTUNISTIC);

    private static TenantDomain domain(String name, SendDirection direction, Optional<NextHop> server) {
        return new TenantDomain(name, 1, DomainKind.MAIL, Optional.empty(), direction, server,
                UnmappedPolicy.BOUNCE_ALL, Optional.empty(), List.of());
    }

    private final DomainSnapshot served = new DomainSnapshot(List.of(
            domain("behoerde.example", SendDirection.SEND_AND_RECEIVE, Optional.of(TENANT_SERVER)),
            domain("ausgang.example", SendDirection.SEND_ONLY, Optional.empty())), demail -> Optional.empty(),
            email -> Optional.empty());

    @Test
    void aServedDomainGoesToItsReceivingServer() {
        Router router = new DomainRouter(served, Map.of("*", SMARTHOST));
        assertThat(router.route("Behoerde.Example")).isEqualTo(new Route.Direct(TENANT_SERVER));
    }

    @Test
    void otherDomainsGoToTheirRouteOrAParentsRouteThenStarThenMx() {
        Router router = new DomainRouter(served, Map.of("partner.example", PARTNER, "*", SMARTHOST));
        assertThat(router.route("sub.partner.example")).isEqualTo(new Route.Direct(PARTNER));
        assertThat(router.route("web.example")).isEqualTo(new Route.Direct(SMARTHOST));
        assertThat(new DomainRouter(served, Map.of()).route("web.example"))
                .isEqualTo(new Route.Mx("web.example", TlsMode.OPPORTUNISTIC));
    }

    @Test
    void aServedDomainWithoutReceivingServerIsReachedLikeAnyOther() {
        Router router = new DomainRouter(served, Map.of("*", SMARTHOST));
        assertThat(router.route("ausgang.example")).isEqualTo(new Route.Direct(SMARTHOST));
    }
}
