package de.poststelle.smtp.server;

import java.util.Locale;

/** One command line split into its verb and the rest. */
record Command(Verb verb, String argument) {

    enum Verb { EHLO, HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT, STARTTLS, VRFY, HELP, UNKNOWN }

    static Command parse(String line) {
        int space = line.indexOf(' ');
        String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
        String argument = space < 0 ? "" : line.substring(space + 1).strip();
        return new Command(verbNamed(verb), argument);
    }

    boolean hasArgument() {
        return !argument.isEmpty();
    }

    private static Verb verbNamed(String name) {
        try {
            return Verb.valueOf(name);
        } catch (IllegalArgumentException e) {
            return Verb.UNKNOWN;
        }
    }
}
