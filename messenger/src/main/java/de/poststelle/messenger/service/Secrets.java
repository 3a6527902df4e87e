package de.poststelle.messenger.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Link tokens and PINs. A token has 256 random bits, so a plain SHA-256 is enough to store it; PINs get Argon2. */
final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int PIN_DIGITS = 8;

    private Secrets() {
    }

    static String newToken() {
        byte[] token = new byte[32];
        RANDOM.nextBytes(token);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    static String newPin() {
        StringBuilder pin = new StringBuilder();
        for (int i = 0; i < PIN_DIGITS; i++) {
            pin.append(RANDOM.nextInt(10));
        }
        return pin.toString();
    }

    static String hashToken(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK offers no SHA-256", e);
        }
    }
}
