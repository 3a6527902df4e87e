package de.poststelle.core;

import java.net.InetAddress;
import java.util.List;

/**
 * A mail domain the gateway serves for one tenant: mail for it is accepted from anywhere and
 * handed to the tenant's receiving server; mail from it is relayed out only when it comes from
 * one of the tenant's allowed sending servers.
 */
public record ServedDomain(String name, String tenant, NextHop receivingServer, List<CidrRange> allowedSenders) {

    public ServedDomain {
        allowedSenders = List.copyOf(allowedSenders);
    }

    public boolean allowsSendingFrom(InetAddress client) {
        return allowedSenders.stream().anyMatch(range -> range.contains(client));
    }
}
