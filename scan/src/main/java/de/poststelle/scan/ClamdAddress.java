package de.poststelle.scan;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;

/**
 * Where clamd listens: {@code tcp:host:port} (clamd's TCPSocket/TCPAddr) or {@code unix:/path}
 * (clamd's LocalSocket, e.g. {@code unix:/run/clamav/clamd.ctl}).
 */
public record ClamdAddress(SocketAddress socketAddress, String text) {

    public static ClamdAddress parse(String text) {
        String value = text.strip();
        if (value.startsWith("unix:")) {
            String path = value.substring("unix:".length());
            if (path.isEmpty()) {
                throw new IllegalArgumentException("clamd address without socket path: " + text);
            }
            return new ClamdAddress(UnixDomainSocketAddress.of(Path.of(path)), value);
        }
        if (value.startsWith("tcp:")) {
            String hostPort = value.substring("tcp:".length());
            int colon = hostPort.lastIndexOf(':');
            if (colon <= 0 || colon == hostPort.length() - 1) {
                throw new IllegalArgumentException("clamd address must be tcp:host:port: " + text);
            }
            String host = hostPort.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port = Integer.parseInt(hostPort.substring(colon + 1));
            return new ClamdAddress(InetSocketAddress.createUnresolved(host, port), value);
        }
        throw new IllegalArgumentException("clamd address must start with tcp: or unix: : " + text);
    }

    /** A fresh, resolved socket address (TCP host names are looked up at each connect). */
    SocketAddress resolve() {
        if (socketAddress instanceof InetSocketAddress inet && inet.isUnresolved()) {
            return new InetSocketAddress(inet.getHostString(), inet.getPort());
        }
        return socketAddress;
    }

    @Override
    public String toString() {
        return text;
    }
}
