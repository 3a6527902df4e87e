package de.poststelle.messenger.pin;

import java.util.regex.Pattern;

/**
 * A mobile number in international form (E.164: {@code +}, country code, number, at most 15
 * digits). Spaces, dashes, dots and slashes are ignored; {@code 00} counts as {@code +}. A number
 * with a single leading {@code 0} is refused: without a country code the SMS could reach a
 * stranger abroad.
 */
public record MobileNumber(String e164) {

    private static final Pattern SEPARATORS = Pattern.compile("[\\s./-]");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    /** Long enough for any number a clerk types, short enough for the reason in the return mail. */
    private static final int SHOWN = 40;

    public static MobileNumber parse(String written) throws SmsNotSent {
        String compact = SEPARATORS.matcher(written).replaceAll("");
        if (compact.startsWith("00")) {
            compact = "+" + compact.substring(2);
        }
        if (compact.startsWith("0")) {
            throw SmsNotSent.aboutNumber("no-country-code", shown(written));
        }
        if (!E164.matcher(compact).matches()) {
            throw SmsNotSent.aboutNumber("invalid-number", shown(written));
        }
        return new MobileNumber(compact);
    }

    private static String shown(String written) {
        String line = written.strip();
        return line.length() <= SHOWN ? line : line.substring(0, SHOWN) + "…";
    }
}
