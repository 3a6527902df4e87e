package de.poststelle.app.config;

import de.poststelle.core.CidrRange;
import de.poststelle.core.ClientCertificate;
import de.poststelle.core.DomainDirectory;
import de.poststelle.core.NextHop;
import de.poststelle.core.Route;
import de.poststelle.core.Router;
import de.poststelle.core.ServedDomain;
import de.poststelle.core.TlsMode;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Served domains and routes from the configuration file. Routing order: a served domain goes to
 * its tenant's receiving server; then a configured route for the domain or a parent domain; then
 * the {@code *} route; otherwise the domain's MX hosts.
 */
public final class ConfiguredDomains implements DomainDirectory, Router {

    private final Map<String, ServedDomain> served = new LinkedHashMap<>();
    private final Map<String, NextHop> routes = new LinkedHashMap<>();

    public ConfiguredDomains(PoststelleProperties properties) {
        for (PoststelleProperties.Domain domain : properties.getDomains()) {
            String name = domain.getName().toLowerCase(Locale.ROOT);
            if (domain.getReceivingServer() == null) {
                throw new IllegalArgumentException("domain " + name + " needs a receiving-server");
            }
            ServedDomain servedDomain = new ServedDomain(name, domain.getTenant(), hop(domain.getReceivingServer()),
                    domain.getAllowedSenders().stream().map(CidrRange::parse).toList());
            if (served.put(name, servedDomain) != null) {
                throw new IllegalArgumentException("domain " + name + " is configured twice");
            }
        }
        for (PoststelleProperties.RouteEntry route : properties.getRoutes()) {
            routes.put(route.getDomain().toLowerCase(Locale.ROOT), hop(route));
        }
    }

    private static NextHop hop(PoststelleProperties.Hop hop) {
        Optional<ClientCertificate> certificate = Optional.ofNullable(hop.getClientCertificate())
                .map(file -> new ClientCertificate(file, hop.getClientCertificatePassword()));
        return new NextHop(hop.getHost(), hop.getPort(), hop.getTls(), certificate);
    }

    @Override
    public Optional<ServedDomain> find(String domain) {
        return Optional.ofNullable(served.get(domain.toLowerCase(Locale.ROOT)));
    }

    @Override
    public Collection<ServedDomain> all() {
        return served.values();
    }

    @Override
    public Route route(String domain) {
        String name = domain.toLowerCase(Locale.ROOT);
        ServedDomain servedDomain = served.get(name);
        if (servedDomain != null) {
            return new Route.Direct(servedDomain.receivingServer());
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
