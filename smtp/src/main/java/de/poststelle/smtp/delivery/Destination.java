package de.poststelle.smtp.delivery;

import de.poststelle.core.NextHop;
import de.poststelle.core.SmtpReply;
import java.util.List;

/** Where one delivery attempt goes: SMTP servers to try in order, or the reason there is none. */
sealed interface Destination {

    record Hops(List<NextHop> hops) implements Destination {
        public Hops {
            hops = List.copyOf(hops);
        }
    }

    /** No server can be tried; {@code reply} tells recipients and DSNs why. */
    record Unreachable(SmtpReply reply) implements Destination {
    }
}
