package de.poststelle.demail;

import jakarta.mail.internet.MimeUtility;

import java.io.UnsupportedEncodingException;

/** Header text with non-ASCII characters as RFC 2047 encoded words, as Subject fields carry it. */
public final class EncodedWords {

    private EncodedWords() {
    }

    /** The readable text of a header value; undecodable words stay as they are. */
    public static String decode(String headerValue) {
        try {
            return MimeUtility.decodeText(MimeUtility.unfold(headerValue));
        } catch (UnsupportedEncodingException e) {
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
