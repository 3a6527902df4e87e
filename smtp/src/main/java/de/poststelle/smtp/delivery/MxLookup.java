package de.poststelle.smtp.delivery;

import java.util.List;

/** The answer to "where does mail for this domain go?" as far as DNS can tell. */
public sealed interface MxLookup {

    /** Host names in the order to try them (the domain itself for an implicit MX). */
    record Hosts(List<String> names) implements MxLookup {
        public Hosts {
            if (names.isEmpty()) {
                throw new IllegalArgumentException("at least one host is required");
            }
            names = List.copyOf(names);
        }
    }

    /** The domain publishes a null MX ({@code 0 .}, RFC 7505): it accepts no mail at all. */
    record NullMx() implements MxLookup {
    }

    /** The domain does not exist, or has neither MX nor address records. */
    record NoSuchDomain() implements MxLookup {
    }

    /** DNS could not answer now (timeout, SERVFAIL); asking later may work. */
    record TemporaryFailure(String reason) implements MxLookup {
    }
}
