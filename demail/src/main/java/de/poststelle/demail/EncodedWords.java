package de.poststelle.demail;

import jakarta.mail.internet.MimeUtility;

import java.io.UnsupportedEncodingException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/** Header text with non-ASCII characters as RFC 2047 encoded words, as Subject fields carry it. */
public final class EncodedWords {

    private EncodedWords() {
    }

    /** The readable text of a header value; undecodable words stay as they are. */
    public static String decode(String headerValue) {
        try {
            return MimeUtility.decodeText(MimeUtility.unfold(rawUtf8(headerValue)));
        } catch (UnsupportedEncodingException e) {
            return headerValue;
        }
    }

    /**
     * Mail clients may write UTF-8 into header fields unencoded (RFC 6532); Jakarta Mail hands
     * such bytes over as one character each. A value that is not valid UTF-8 stays as it is.
     */
    private static String rawUtf8(String headerValue) {
        if (headerValue.chars().allMatch(c -> c < 0x80) || headerValue.chars().anyMatch(c -> c > 0xff)) {
            return headerValue;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .decode(ByteBuffer.wrap(headerValue.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException notUtf8) {
            return headerValue;
        }
    }

    /** A header value for {@code text}, folded for a field name of up to 8 characters (Subject). */
    public static String encode(String text) {
        try {
            return MimeUtility.fold(9, MimeUtility.encodeText(text, "UTF-8", null));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
    }
}
