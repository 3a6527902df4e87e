package de.poststelle.smtp.server;

import de.poststelle.core.SmtpReply;
import java.io.IOException;

/**
 * Thrown by the message stream handed to {@link de.poststelle.core.InboundMailHandler#store} when
 * the DATA breaks a rule (bare CR or LF, size, line length). The handler rolls its transaction back
 * and passes the exception on; the server then sends {@link #reply()}.
 */
public class SmtpDataException extends IOException {

    private final transient SmtpReply reply;

    public SmtpDataException(SmtpReply reply) {
        super(reply.toString());
        this.reply = reply;
    }

    public SmtpReply reply() {
        return reply;
    }
}
