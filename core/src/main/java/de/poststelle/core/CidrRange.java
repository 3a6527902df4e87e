package de.poststelle.core;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** An IPv4 or IPv6 network in CIDR notation, e.g. {@code 10.1.0.0/16}; a bare address means one host. */
public record CidrRange(byte[] network, int prefixLength) {

    public static CidrRange parse(String text) {
        String[] parts = text.trim().split("/", 2);
        byte[] address;
        try {
            if (!parts[0].matches("[0-9a-fA-F:.]+")) {
                throw new IllegalArgumentException("not an IP address: " + parts[0]);
            }
            address = InetAddress.getByName(parts[0]).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + parts[0], e);
        }
        int bits = address.length * 8;
        int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : bits;
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("prefix length must be between 0 and " + bits + ": " + text);
        }
        return new CidrRange(address, prefix);
    }

    public boolean contains(InetAddress candidate) {
        byte[] other = candidate.getAddress();
        if (other.length != network.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (other[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (other[full] & mask) == (network[full] & mask);
    }

    /** By content: a record compares arrays by identity, so two parses of one range would differ. */
    @Override
    public boolean equals(Object other) {
        return other instanceof CidrRange range && prefixLength == range.prefixLength
                && Arrays.equals(network, range.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixLength;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
