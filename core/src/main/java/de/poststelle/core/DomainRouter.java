package de.poststelle.core;

import de.poststelle.core.tenant.TenantDomain;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Routing order: a served domain with a receiving server goes to that server; then a configured
 * route for the domain or a parent domain; then the {@code *} route; otherwise the domain's MX
 * hosts. A served domain without a receiving server (send only) is reached like any other domain.
 */
public final class DomainRouter implements Router {

    private final DomainDirectory domains;
    private final Map<String, NextHop> routes;

    /** {@code routes} by lower-case destination domain, {@code *} for all others. */
    public DomainRouter(DomainDirectory domains, Map<String, NextHop> routes) {
        this.domains = domains;
        this.routes = Map.copyOf(routes);
    }

    @Override
    public Route route(String domain) {
        String name = domain.toLowerCase(Locale.ROOT);
        Optional<NextHop> receivingServer = domains.find(name).flatMap(TenantDomain::receivingServer);
        if (receivingServer.isPresent()) {
            return new Route.Direct(receivingServer.get());
        }
        for (String candidate = name; ; candidate = candidate.substring(candidate.indexOf('.') + 1)) {
            NextHop hop = routes.get(candidate);
            if (hop != null) {
                return new Route.Direct(hop);
            }
            if (candidate.indexOf('.') < 0) {
                break;
            }
        }
        NextHop fallback = routes.get("*");
        return fallback != null ? new Route.Direct(fallback) : new Route.Mx(name, TlsMode.OPPORTUNISTIC);
    }
}
