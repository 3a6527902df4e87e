package de.poststelle.admin.security;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import org.apache.commons.codec.binary.Base32;

import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

/**
 * RFC 6238 one-time codes (SHA-1, 6 digits, 30 s) as every common authenticator app produces them.
 * The secret travels and is stored in Base32, the form those apps expect.
 */
public final class TotpCodes {

    private static final String ISSUER = "Poststelle";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator();
    private final Clock clock;

    public TotpCodes(Clock clock) {
        this.clock = clock;
    }

    /** 160 random bits, the key length RFC 4226 recommends for HMAC-SHA-1. */
    public static String newSecret() {
        byte[] key = new byte[20];
        RANDOM.nextBytes(key);
        return new Base32().encodeAsString(key).replace("=", "");
    }

    /** The URI authenticator apps import (Key Uri Format), labelled with issuer and user name. */
    public static String uri(String secret, String username) {
        String label = encode(ISSUER + ":" + username);
        return "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + encode(ISSUER)
                + "&algorithm=SHA1&digits=6&period=30";
    }

    /** Accepts the code of this 30-second step and of one step either side, for clocks that drift a little. */
    public boolean matches(String secret, String code) {
        String given = code == null ? "" : code.replace(" ", "").strip();
        if (!given.matches("[0-9]{6}")) {
            return false;
        }
        Instant now = clock.instant();
        for (int step = -1; step <= 1; step++) {
            if (codeAt(secret, now.plus(generator.getTimeStep().multipliedBy(step))).equals(given)) {
                return true;
            }
        }
        return false;
    }

    /** The code valid at an instant; tests and enrolment screens use it to show what an app would. */
    public String codeAt(String secret, Instant instant) {
        Key key = new SecretKeySpec(new Base32().decode(secret), generator.getAlgorithm());
        try {
            return generator.generateOneTimePasswordString(key, instant, Locale.ROOT);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("stored TOTP secret is unusable", e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
