package de.poststelle.admin.console;

import de.poststelle.admin.service.DomainService;
import de.poststelle.core.CidrRange;
import de.poststelle.core.MailAddress;
import de.poststelle.core.NextHop;
import de.poststelle.core.TlsMode;
import de.poststelle.core.tenant.DomainKind;
import de.poststelle.core.tenant.SendDirection;
import de.poststelle.core.tenant.TenantDomain;
import de.poststelle.core.tenant.UnmappedPolicy;
import org.springframework.validation.BindingResult;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A domain's settings as the form sends them, all text, so that any input comes back to the user
 * with the reason next to the field instead of failing to bind.
 */
record DomainForm(String name, DomainKind kind, String cluster, SendDirection direction, String allowedSenders,
                  String receivingHost, String receivingPort, TlsMode receivingTls, UnmappedPolicy unmappedPolicy,
                  String catchAllMailbox) {

    /** A new domain's form, with the operator's default cluster preselected ("" for none). */
    static DomainForm empty(String cluster) {
        return new DomainForm("", DomainKind.MAIL, cluster, SendDirection.SEND_AND_RECEIVE, "", "", "25",
                TlsMode.OPPORTUNISTIC, UnmappedPolicy.BOUNCE_ALL, "");
    }

    static DomainForm of(TenantDomain domain) {
        Optional<NextHop> server = domain.receivingServer();
        return new DomainForm(domain.name(), domain.kind(), domain.cluster().orElse(""), domain.direction(),
                domain.allowedSenders().stream().map(CidrRange::toString).collect(Collectors.joining("\n")),
                server.map(NextHop::host).orElse(""), server.map(hop -> String.valueOf(hop.port())).orElse("25"),
                server.map(NextHop::tls).orElse(TlsMode.OPPORTUNISTIC), domain.unmappedPolicy(),
                domain.catchAllMailbox().map(MailAddress::toString).orElse(""));
    }

    /** The operator's part, or empty with the reasons recorded in {@code result}. */
    Optional<DomainService.OperatorSettings> operatorSettings(BindingResult result) {
        List<Optional<CidrRange>> senders = Arrays.stream(text(allowedSenders).split("[\\s,;]+"))
                .filter(s -> !s.isEmpty())
                .map(s -> Forms.parse(result, "allowedSenders", s, "invalid.cidr", CidrRange::parse))
                .toList();
        if (kind == null || direction == null || senders.stream().anyMatch(Optional::isEmpty)) {
            return Optional.empty();
        }
        return Optional.of(new DomainService.OperatorSettings(kind,
                Forms.blank(cluster) ? Optional.empty() : Optional.of(cluster.strip()), direction,
                senders.stream().map(Optional::orElseThrow).toList()));
    }

    /** The tenant technical admin's part, or empty with the reasons recorded in {@code result}. */
    Optional<DomainService.DeliverySettings> deliverySettings(BindingResult result) {
        Optional<NextHop> server = Optional.empty();
        boolean valid = unmappedPolicy != null;
        if (!Forms.blank(receivingHost)) {
            Optional<Integer> port = Forms.parse(result, "receivingPort", receivingPort, "invalid.port",
                    DomainForm::port);
            server = port.map(p -> NextHop.of(receivingHost.strip(), p, receivingTls == null ? TlsMode.REQUIRED
                    : receivingTls));
            valid &= port.isPresent();
        }
        Optional<MailAddress> catchAll = Optional.empty();
        if (!Forms.blank(catchAllMailbox)) {
            catchAll = Forms.parse(result, "catchAllMailbox", catchAllMailbox, "invalid.address", MailAddress::parse);
            valid &= catchAll.isPresent();
        }
        return valid ? Optional.of(new DomainService.DeliverySettings(server, unmappedPolicy, catchAll))
                : Optional.empty();
    }

    private static int port(String text) {
        int port = Integer.parseInt(text);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range");
        }
        return port;
    }

    private static String text(String value) {
        return value == null ? "" : value.strip();
    }
}
