package de.poststelle.app;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;

/**
 * Our fuzzer's input generator: SMTP sessions, each a valid dialogue with a MIME message that one
 * to three mutations break (bad line endings, NULs, huge lines, broken MIME, bad addresses,
 * pipelining garbage, truncation, flipped bytes …). Case {@code n} depends only on the seed and
 * {@code n}, so a failing case can be replayed alone.
 */
final class MalformedSmtpInputs {

    /** One generated session: what was done to it, and the bytes the client sends. */
    record Case(int index, String mutations, byte[] script) {
    }

    private record Mutation(String name, BiFunction<Random, String, String> apply) {
    }

    private static final String[] BAD_ADDRESSES = {
        "<>", "<@>", "<a@@extern.example>", "buerger@extern.example", "<buerger@extern.example",
        "<\"quoted local\"@extern.example>", "<x@[127.0.0.1]>", "<x@[999.1.1.1]>", "<@route.example,@x.example:a@extern.example>",
        "<a@extern.example> SIZE=abc", "<a@extern.example> SIZE=99999999999999999999", "<a@extern.example> BODY=8BITMIME",
        "<a@extern.example> BODY=nonsense", "<a@extern.example> FOO=bar", "<a@extern.example> SMTPUTF8",
        "<" + "l".repeat(300) + "@extern.example>", "<a@" + "d".repeat(300) + ".example>", "<a@-bad-.example>",
        "<a b@extern.example>", "<a@extern.example>>", "<<a@extern.example>>", "<a@.example>", "<a@extern..example>",
        "<postmaster>", "<a@rejects.example>", "<a@behoerde.example>", "<A@BEHOERDE.EXAMPLE>", "<a\\@b@extern.example>",
    };

    private static final String[] COMMANDS = {
        "RSET", "NOOP", "HELO x", "EHLO", "MAIL FROM:<amt@behoerde.example>", "RCPT TO:<b@extern.example>", "DATA",
        "VRFY root", "EXPN staff", "HELP", "STARTTLS", "AUTH PLAIN AGFhAGI=", "BDAT 10 LAST", "TURN", "QUIT", "",
        ".", "MAIL", "RCPT", "MAIL FROM:", "RCPT TO:", "DATA extra", "RSET now", "mail from:<amt@behoerde.example>",
    };

    private final long seed;
    private final List<Mutation> mutations = List.of(
            new Mutation("bare-lf", (r, s) -> replaceNth(r, s, "\r\n", "\n")),
            new Mutation("bare-cr", (r, s) -> replaceNth(r, s, "\r\n", "\r")),
            new Mutation("lf-dot-lf", (r, s) -> s.replace("\r\n.\r\n", "\n.\n" + (r.nextBoolean() ? "" : ".\r\n"))),
            new Mutation("nul", (r, s) -> insertAt(r, s, "\0".repeat(1 + r.nextInt(3)))),
            new Mutation("huge-line", (r, s) -> insertAtLineStart(r, s, randomText(r, 500 + r.nextInt(70_000)) + "\r\n")),
            new Mutation("broken-boundary", MalformedSmtpInputs::breakBoundary),
            new Mutation("invalid-base64", (r, s) -> s.replaceFirst("(?m)^([A-Za-z0-9+/]{20})", "$1" + pick(r, "!!*=", "====", "\u00ff\u00fe", "-_", "=A"))),
            new Mutation("8bit-header", (r, s) -> s.replaceFirst("Subject: ", "Subject: " + pick(r, "Grüße \u00e4\u00f6\u00fc", "\u00c3\u00a4\u00ff\u0080", "\u00a0\u00ad", "=?utf-8?B?w7w=?= \u00fc"))),
            new Mutation("header-noise", (r, s) -> s.replaceFirst("\r\n\r\n", "\r\n" + pick(r, "No colon here", ": empty name",
                    "X-Long: " + "v".repeat(900), " folded without header", "Received: loop\r\n".repeat(60).strip(), "Content-Type: multipart/mixed")
                    + "\r\n\r\n")),
            new Mutation("bad-sender", (r, s) -> s.replace("MAIL FROM:<amt@behoerde.example>", "MAIL FROM:" + pick(r, BAD_ADDRESSES))),
            new Mutation("bad-recipient", (r, s) -> s.replaceFirst("RCPT TO:<[^>]*>", "RCPT TO:" + pick(r, BAD_ADDRESSES).replace("\\", "\\\\").replace("$", "\\$"))),
            new Mutation("extra-recipients", (r, s) -> s.replace("DATA\r\n", ("RCPT TO:<more" + r.nextInt(100) + "@extern.example>\r\n").repeat(1 + r.nextInt(5)) + "DATA\r\n")),
            new Mutation("pipelining-garbage", (r, s) -> insertAtLineStart(r, s, randomCommandLines(r))),
            new Mutation("random-bytes", (r, s) -> insertAt(r, s, randomBytes(r, 1 + r.nextInt(200)))),
            new Mutation("flipped-bytes", MalformedSmtpInputs::flipBytes),
            new Mutation("dropped-line", (r, s) -> dropLine(r, s)),
            new Mutation("dot-lines", (r, s) -> s.replaceFirst("\r\n\r\n", "\r\n\r\n" + pick(r, ".x\r\n", "..\r\n", ". \r\n", ".\r\r\n", "\r\n.\r\n") )),
            new Mutation("truncated", (r, s) -> s.substring(0, r.nextInt(s.length()))),
            new Mutation("no-quit", (r, s) -> s.replace("QUIT\r\n", "")),
            new Mutation("nested-multipart", (r, s) -> s.replace("Content-Type: text/plain; charset=utf-8\r\n", nestedMultipart(r))));

    MalformedSmtpInputs(long seed) {
        this.seed = seed;
    }

    Case generate(int index) {
        Random random = new Random(seed * 1_000_003L + index);
        String session = validSession(index);
        int count = 1 + random.nextInt(3);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Mutation mutation = mutations.get(random.nextInt(mutations.size()));
            session = mutation.apply().apply(random, session);
            names.add(mutation.name());
        }
        return new Case(index, String.join("+", names), session.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The unmutated session: a multipart message with a text part and a base64 attachment. */
    static String validSession(int index) {
        String boundary = "b" + index + "=_x";
        String attachment = Base64.getMimeEncoder().encodeToString(("Anlage " + index + " ").repeat(40).getBytes(StandardCharsets.UTF_8));
        String message = "From: amt@behoerde.example\r\nTo: buerger" + index + "@extern.example\r\n"
                + "Subject: fuzz " + index + "\r\nMessage-ID: <fuzz-" + index + "@behoerde.example>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n"
                + "--" + boundary + "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHallo,\r\n..punkt\r\n"
                + "--" + boundary + "\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + attachment + "\r\n--" + boundary + "--\r\n";
        return "EHLO fuzz.test\r\nMAIL FROM:<amt@behoerde.example>\r\nRCPT TO:<buerger" + index + "@extern.example>\r\n"
                + "DATA\r\n" + message + ".\r\nQUIT\r\n";
    }

    private static String breakBoundary(Random random, String session) {
        return switch (random.nextInt(4)) {
            case 0 -> session.replaceFirst("--(b\\d+=_x)--", "--$1-");
            case 1 -> session.replaceFirst("boundary=\"[^\"]*\"", "boundary=\"\"");
            case 2 -> session.replaceFirst("boundary=\"[^\"]*\"", "boundary=" + "z".repeat(200));
            default -> session.replaceAll("--b\\d+=_x\r\n", "--other\r\n");
        };
    }

    private static String nestedMultipart(Random random) {
        int depth = 1 + random.nextInt(60);
        StringBuilder nested = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            nested.append("Content-Type: multipart/mixed; boundary=\"n").append(i).append("\"\r\n\r\n--n").append(i).append("\r\n");
        }
        return nested.append("Content-Type: text/plain\r\n").toString();
    }

    private static String flipBytes(Random random, String session) {
        char[] chars = session.toCharArray();
        for (int i = 1 + random.nextInt(8); i > 0 && chars.length > 0; i--) {
            chars[random.nextInt(chars.length)] = (char) random.nextInt(256);
        }
        return new String(chars);
    }

    private static String dropLine(Random random, String session) {
        String[] lines = session.split("\r\n", -1);
        int drop = random.nextInt(lines.length);
        StringBuilder result = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (i != drop) {
                result.append(lines[i]).append(i < lines.length - 1 ? "\r\n" : "");
            }
        }
        return result.toString();
    }

    private static String randomCommandLines(Random random) {
        StringBuilder lines = new StringBuilder();
        for (int i = 1 + random.nextInt(6); i > 0; i--) {
            lines.append(random.nextInt(4) == 0 ? randomText(random, random.nextInt(80)) : pick(random, COMMANDS)).append("\r\n");
        }
        return lines.toString();
    }

    private static String replaceNth(Random random, String text, String target, String replacement) {
        List<Integer> positions = new ArrayList<>();
        for (int at = text.indexOf(target); at >= 0; at = text.indexOf(target, at + 1)) {
            positions.add(at);
        }
        if (positions.isEmpty()) {
            return text;
        }
        int at = positions.get(random.nextInt(positions.size()));
        return text.substring(0, at) + replacement + text.substring(at + target.length());
    }

    private static String insertAt(Random random, String text, String insert) {
        int at = random.nextInt(text.length() + 1);
        return text.substring(0, at) + insert + text.substring(at);
    }

    private static String insertAtLineStart(Random random, String text, String insert) {
        List<Integer> starts = new ArrayList<>(List.of(0));
        for (int at = text.indexOf("\r\n"); at >= 0; at = text.indexOf("\r\n", at + 2)) {
            starts.add(at + 2);
        }
        int at = starts.get(random.nextInt(starts.size()));
        return text.substring(0, at) + insert + text.substring(at);
    }

    private static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) (0x20 + random.nextInt(0x5f)));
        }
        return text.toString();
    }

    private static String randomBytes(Random random, int length) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < length; i++) {
            bytes.write(random.nextInt(256));
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    private static String pick(Random random, String... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
