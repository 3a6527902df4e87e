package de.poststelle.core;

/** Where mail for one recipient domain goes: a configured next hop, or the domain's MX hosts. */
public sealed interface Route {

    /** Identifies the destination for connection reuse, concurrency limits and retry grouping. */
    String key();

    record Direct(NextHop hop) implements Route {
        @Override
        public String key() {
            return hop.toString();
        }
    }

    /** Look up MX records of {@code domain} (falling back to its A/AAAA record, RFC 5321 5.1). */
    record Mx(String domain, TlsMode tls) implements Route {
        @Override
        public String key() {
            return "mx:" + domain;
        }
    }
}
