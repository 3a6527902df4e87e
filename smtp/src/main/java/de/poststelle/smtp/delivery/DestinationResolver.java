package de.poststelle.smtp.delivery;

import de.poststelle.core.NextHop;
import de.poststelle.core.Route;
import de.poststelle.core.SmtpReply;
import java.util.List;

/** Turns a {@link Route} into the SMTP servers to try, looking up MX records where needed. */
final class DestinationResolver {

    private final MxResolver mxResolver;
    private final int mxPort;

    DestinationResolver(MxResolver mxResolver, int mxPort) {
        this.mxResolver = mxResolver;
        this.mxPort = mxPort;
    }

    Destination resolve(Route route) {
        return switch (route) {
            case Route.Direct direct -> new Destination.Hops(List.of(direct.hop()));
            case Route.Mx mx -> fromMx(mx);
        };
    }

    private Destination fromMx(Route.Mx route) {
        String domain = route.domain();
        return switch (mxResolver.lookup(domain)) {
            case MxLookup.Hosts hosts -> new Destination.Hops(hosts.names().stream()
                    .map(host -> NextHop.of(host, mxPort, route.tls())).toList());
            case MxLookup.NullMx nullMx -> new Destination.Unreachable(
                    new SmtpReply(556, "5.1.10", "Domain " + domain + " does not accept mail (null MX)"));
            case MxLookup.NoSuchDomain none -> new Destination.Unreachable(
                    new SmtpReply(550, "5.1.2", "Domain " + domain + " not found in DNS"));
            case MxLookup.TemporaryFailure failure -> new Destination.Unreachable(
                    new SmtpReply(451, "4.4.3", "DNS lookup failed: " + failure.reason()));
        };
    }
}
