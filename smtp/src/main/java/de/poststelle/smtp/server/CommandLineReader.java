package de.poststelle.smtp.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads command lines strictly: a line ends with CRLF only. A bare LF or CR is not taken as a line
 * end some other component might see differently; the whole line up to the next LF is rejected.
 */
final class CommandLineReader {

    private final int maxLength;
    private final byte[] line;

    /** @param maxLength longest line in octets including CRLF */
    CommandLineReader(int maxLength) {
        this.maxLength = maxLength;
        this.line = new byte[maxLength - 2];
    }

    /** The next line without CRLF, or {@code null} when the client closed the connection. */
    String read(SmtpInput input) throws IOException, CommandRejectedException {
        int length = 0;
        int octets = 0;
        boolean previousWasCr = false;
        boolean bareLineBreak = false;
        boolean nonAscii = false;
        while (true) {
            int b = input.read();
            if (b < 0) {
                return null;
            }
            octets++;
            if (b == '\n') {
                bareLineBreak |= !previousWasCr;
                break;
            }
            bareLineBreak |= previousWasCr;
            previousWasCr = b == '\r';
            if (!previousWasCr && length < line.length) {
                line[length++] = (byte) b;
            }
            // SMTPUTF8 is not offered, so commands are ASCII; NUL is never acceptable.
            nonAscii |= b == 0 || b > 127;
        }
        if (bareLineBreak) {
            throw new CommandRejectedException(Replies.BARE_LINE_BREAK_IN_COMMAND);
        }
        if (octets > maxLength) {
            throw new CommandRejectedException(Replies.LINE_TOO_LONG);
        }
        if (nonAscii) {
            throw new CommandRejectedException(Replies.NON_ASCII_COMMAND);
        }
        return new String(line, 0, length, StandardCharsets.US_ASCII);
    }
}
