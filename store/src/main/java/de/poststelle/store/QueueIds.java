package de.poststelle.store;

import java.security.SecureRandom;
import java.time.Instant;

/**
 * Queue ids in the spirit of Postfix's long queue ids: the arrival second followed by random
 * characters, so ids sort roughly by age and are unique across nodes without coordination.
 */
final class QueueIds {

    private static final char[] ALPHABET = "0123456789BCDFGHJKLMNPQRSTVWXYZbcdfghjkmnpqrstvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private QueueIds() {
    }

    static String next(Instant now) {
        StringBuilder id = new StringBuilder(16);
        long seconds = now.getEpochSecond();
        char[] time = new char[7];
        for (int i = time.length - 1; i >= 0; i--) {
            time[i] = ALPHABET[(int) (seconds % ALPHABET.length)];
            seconds /= ALPHABET.length;
        }
        id.append(time);
        for (int i = 0; i < 9; i++) {
            id.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return id.toString();
    }
}
