package de.poststelle.crypto.stages;

/** Text from outside (a reason, a certificate subject) made safe for one header field line. */
final class HeaderText {

    private static final int MAX = 200;

    private HeaderText() {
    }

    static String of(String text) {
        String safe = text == null ? "" : text.replaceAll("[^\\x20-\\x7e]", " ").replace(';', ',').strip();
        return safe.length() > MAX ? safe.substring(0, MAX) : safe;
    }
}
