package de.poststelle.smtp.server;

import de.poststelle.core.SmtpReply;

/** The fixed replies of the server, with enhanced status codes (RFC 3463, RFC 5248). */
final class Replies {

    static final SmtpReply OK = new SmtpReply(250, "2.0.0", "Ok");
    static final SmtpReply SENDER_OK = new SmtpReply(250, "2.1.0", "Ok");
    static final SmtpReply BYE = new SmtpReply(221, "2.0.0", "Bye");
    static final SmtpReply READY_FOR_TLS = new SmtpReply(220, "2.0.0", "Ready to start TLS");
    static final SmtpReply CANNOT_VRFY =
            new SmtpReply(252, "2.5.0", "Cannot VRFY user, but will accept message and attempt delivery");
    static final SmtpReply HELP = new SmtpReply(214, "2.0.0",
            "Commands: EHLO HELO MAIL RCPT DATA RSET NOOP QUIT VRFY HELP STARTTLS; see RFC 5321");

    static final SmtpReply SHUTTING_DOWN = new SmtpReply(421, "4.3.2", "Service shutting down");
    static final SmtpReply TOO_MANY_SESSIONS = new SmtpReply(421, "4.3.2", "Too many connections, try again later");
    static final SmtpReply TOO_MANY_FROM_HOST = new SmtpReply(421, "4.7.0", "Too many connections from your host");
    static final SmtpReply TOO_MANY_ERRORS = new SmtpReply(421, "4.7.0", "Too many errors");
    static final SmtpReply TIMEOUT = new SmtpReply(421, "4.4.2", "Timeout");
    static final SmtpReply INTERNAL_ERROR = new SmtpReply(421, "4.3.0", "Local error, closing connection");
    static final SmtpReply LOCAL_ERROR =
            new SmtpReply(451, "4.3.0", "Requested action aborted: local error in processing");
    static final SmtpReply INSUFFICIENT_STORAGE = new SmtpReply(452, "4.3.1", "Insufficient system storage, try again later");
    static final SmtpReply TOO_MANY_RECIPIENTS = new SmtpReply(452, "4.5.3", "Too many recipients");

    static final SmtpReply LINE_TOO_LONG = new SmtpReply(500, "5.5.2", "Line too long");
    static final SmtpReply BARE_LINE_BREAK_IN_COMMAND =
            new SmtpReply(500, "5.5.2", "Bare LF or CR in command; lines must end with CRLF");
    static final SmtpReply NON_ASCII_COMMAND = new SmtpReply(500, "5.5.2", "Invalid character in command");
    static final SmtpReply NOT_IMPLEMENTED = new SmtpReply(502, "5.5.1", "Command not implemented");
    static final SmtpReply SEND_HELO_FIRST = new SmtpReply(503, "5.5.1", "Send EHLO or HELO first");
    static final SmtpReply NESTED_MAIL = new SmtpReply(503, "5.5.1", "Nested MAIL command");
    static final SmtpReply NEED_MAIL = new SmtpReply(503, "5.5.1", "Need MAIL command");
    static final SmtpReply TLS_ALREADY_ACTIVE = new SmtpReply(503, "5.5.1", "TLS already active");
    static final SmtpReply NO_VALID_RECIPIENTS = new SmtpReply(554, "5.5.1", "No valid recipients");
    static final SmtpReply PIPELINED_AFTER_STARTTLS =
            new SmtpReply(554, "5.5.1", "Commands must not be pipelined after STARTTLS");

    static final SmtpReply MESSAGE_TOO_BIG =
            new SmtpReply(552, "5.3.4", "Message size exceeds fixed maximum message size");
    static final SmtpReply BARE_LINE_BREAK_IN_DATA = new SmtpReply(550, "5.6.0",
            "Bare LF or CR in message; lines must end with CRLF (RFC 5321 2.3.8)");
    /*
     * 5.6.0 ("other or undefined media error") rather than 5.5.x: the commands were fine, it is
     * the content that breaks RFC 5322 2.1.1 / RFC 5321 4.5.3.1.6. 500 because RFC 5321 names
     * "line too long" under 500.
     */
    static final SmtpReply DATA_LINE_TOO_LONG =
            new SmtpReply(500, "5.6.0", "Line too long in message (RFC 5321 4.5.3.1.6)");

    private Replies() {
    }

    static SmtpReply syntax(String usage) {
        return new SmtpReply(501, "5.5.2", "Syntax: " + usage);
    }

    static SmtpReply invalidParameter(String detail) {
        return new SmtpReply(501, "5.5.4", detail);
    }

    static SmtpReply unsupportedParameter(String keyword) {
        return new SmtpReply(555, "5.5.4", "Unsupported parameter: " + keyword);
    }
}
