package de.poststelle.messenger.pin;

import de.poststelle.core.queue.SecureMailbox;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * The header field in which the clerk gives the recipient's mobile number for the PIN SMS
 * ({@code X-Poststelle-Messenger-Mobil}, or the English {@code X-Poststelle-Messenger-Mobile}, see
 * {@link SecureMailbox#MOBILE_FIELDS}). It is taken out of the mail before the mail is stored: the
 * number is meant for the gateway only.
 */
public final class MobileField {

    /** The mail without the field, and the number as the clerk wrote it. */
    public record Taken(byte[] mail, Optional<String> mobile) {
    }

    private MobileField() {
    }

    public static Taken takeFrom(byte[] mail) {
        try {
            InternetHeaders headers = new InternetHeaders(new ByteArrayInputStream(mail));
            Optional<String> mobile = SecureMailbox.MOBILE_FIELDS.stream().map(name -> headers.getHeader(name, null))
                    .filter(Objects::nonNull).findFirst().map(value -> MimeUtility.unfold(value).strip());
            if (mobile.isEmpty()) {
                return new Taken(mail, mobile);
            }
            // a parsed message that is only edited in its header writes its body back byte for byte
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(mail));
            SecureMailbox.MOBILE_FIELDS.forEach(name -> removeHeader(message, name));
            ByteArrayOutputStream without = new ByteArrayOutputStream(mail.length);
            message.writeTo(without);
            return new Taken(without.toByteArray(), mobile);
        } catch (MessagingException e) {
            throw new IllegalArgumentException("the mail's header cannot be read: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void removeHeader(MimeMessage message, String name) {
        try {
            message.removeHeader(name);
        } catch (MessagingException e) {
            throw new IllegalStateException("a parsed message can be edited", e);
        }
    }
}
