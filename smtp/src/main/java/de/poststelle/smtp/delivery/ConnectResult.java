package de.poststelle.smtp.delivery;

import de.poststelle.core.SmtpReply;

/** Either an SMTP session ready for {@code MAIL FROM}, or why none of the servers could be used. */
sealed interface ConnectResult {

    record Connected(SmtpConnection connection) implements ConnectResult {
    }

    /** {@code reply} is the server's own if it sent one (e.g. a 421 greeting), otherwise ours. */
    record Failed(SmtpReply reply, String remoteHost) implements ConnectResult {
    }
}
