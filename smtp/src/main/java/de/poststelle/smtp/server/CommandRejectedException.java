package de.poststelle.smtp.server;

import de.poststelle.core.SmtpReply;

/** A command that is malformed or out of sequence; it counts towards the bad command limit. */
final class CommandRejectedException extends Exception {

    private final transient SmtpReply reply;

    CommandRejectedException(SmtpReply reply) {
        super(reply.toString(), null, false, false);
        this.reply = reply;
    }

    SmtpReply reply() {
        return reply;
    }
}
