package de.poststelle.smtp.server;

import de.poststelle.core.MailAddress;
import de.poststelle.core.SmtpReply;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Parses the arguments of MAIL FROM and RCPT TO (RFC 5321 4.1.2, RFC 1870, RFC 6152). */
final class PathArguments {

    /** What MAIL FROM told us. BODY is checked but not kept: 8-bit content passes either way. */
    record MailFrom(Optional<MailAddress> sender, OptionalLong declaredSize) {
    }

    private record PathAndParameters(String path, Map<String, String> parameters) {
    }

    private static final SmtpReply MAIL_USAGE = Replies.syntax("MAIL FROM:<address> [SIZE=n] [BODY=7BIT|8BITMIME]");
    private static final SmtpReply RCPT_USAGE = Replies.syntax("RCPT TO:<address>");
    private static final SmtpReply BAD_SENDER = new SmtpReply(501, "5.1.7", "Bad sender address syntax");
    private static final SmtpReply BAD_RECIPIENT = new SmtpReply(501, "5.1.3", "Bad recipient address syntax");

    private PathArguments() {
    }

    static MailFrom parseMailFrom(String argument) throws CommandRejectedException {
        PathAndParameters parsed = split(argument, "FROM:", MAIL_USAGE);
        OptionalLong size = OptionalLong.empty();
        for (Map.Entry<String, String> parameter : parsed.parameters().entrySet()) {
            String value = parameter.getValue();
            switch (parameter.getKey()) {
                case "SIZE" -> size = OptionalLong.of(parseSize(value));
                case "BODY" -> {
                    if (!value.equalsIgnoreCase("7BIT") && !value.equalsIgnoreCase("8BITMIME")) {
                        throw new CommandRejectedException(Replies.invalidParameter("BODY must be 7BIT or 8BITMIME"));
                    }
                }
                default -> throw new CommandRejectedException(Replies.unsupportedParameter(parameter.getKey()));
            }
        }
        if (parsed.path().isEmpty()) {
            return new MailFrom(Optional.empty(), size);
        }
        return new MailFrom(Optional.of(address(parsed.path(), BAD_SENDER)), size);
    }

    /** RFC 5321 4.5.1: {@code <Postmaster>} without domain is accepted and means ours. */
    static MailAddress parseRcptTo(String argument, String localHostname) throws CommandRejectedException {
        PathAndParameters parsed = split(argument, "TO:", RCPT_USAGE);
        if (!parsed.parameters().isEmpty()) {
            String keyword = parsed.parameters().keySet().iterator().next();
            throw new CommandRejectedException(Replies.unsupportedParameter(keyword));
        }
        if (parsed.path().equalsIgnoreCase("postmaster")) {
            return new MailAddress("postmaster", localHostname);
        }
        return address(parsed.path(), BAD_RECIPIENT);
    }

    /**
     * Splits {@code FROM:<path> KEY=value ...}. Like Postfix we tolerate spaces after the colon,
     * which some widespread clients send.
     */
    private static PathAndParameters split(String argument, String keyword, SmtpReply usage)
            throws CommandRejectedException {
        if (!argument.regionMatches(true, 0, keyword, 0, keyword.length())) {
            throw new CommandRejectedException(usage);
        }
        String rest = argument.substring(keyword.length()).stripLeading();
        int close = rest.indexOf('>');
        if (!rest.startsWith("<") || close < 0) {
            throw new CommandRejectedException(usage);
        }
        String path = withoutSourceRoute(rest.substring(1, close));
        String parameterText = rest.substring(close + 1);
        if (!parameterText.isEmpty() && !parameterText.startsWith(" ")) {
            throw new CommandRejectedException(usage);
        }
        return new PathAndParameters(path, parameters(parameterText.strip()));
    }

    /** RFC 5321 4.1.1.3 / C: source routes ({@code @a,@b:user@c}) must be accepted and ignored. */
    private static String withoutSourceRoute(String path) {
        int colon = path.indexOf(':');
        return path.startsWith("@") && colon > 0 ? path.substring(colon + 1) : path;
    }

    private static Map<String, String> parameters(String text) throws CommandRejectedException {
        Map<String, String> parameters = new HashMap<>();
        if (text.isEmpty()) {
            return parameters;
        }
        for (String parameter : text.split(" +")) {
            int equals = parameter.indexOf('=');
            String key = (equals < 0 ? parameter : parameter.substring(0, equals)).toUpperCase(Locale.ROOT);
            String value = equals < 0 ? "" : parameter.substring(equals + 1);
            if (parameters.put(key, value) != null) {
                throw new CommandRejectedException(Replies.invalidParameter("Duplicate parameter: " + key));
            }
        }
        return parameters;
    }

    private static long parseSize(String value) throws CommandRejectedException {
        if (!value.matches("[0-9]{1,18}")) {
            throw new CommandRejectedException(Replies.invalidParameter("SIZE must be a number of octets"));
        }
        return Long.parseLong(value);
    }

    private static MailAddress address(String path, SmtpReply invalid) throws CommandRejectedException {
        try {
            return MailAddress.parse(path);
        } catch (IllegalArgumentException e) {
            throw new CommandRejectedException(invalid);
        }
    }
}
