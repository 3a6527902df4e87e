package de.poststelle.messenger.testapp;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import jakarta.activation.DataHandler;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Protected mails as an authority's clerk writes them: HTML with an attachment. */
public final class TestMails {

    private TestMails() {
    }

    public static byte[] withAttachment(String from, String to, String subject, String html, String filename,
                                        byte[] attachment) {
        try {
            MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()));
            mail.setFrom(new InternetAddress(from));
            mail.setRecipients(MimeMessage.RecipientType.TO, to);
            mail.setSubject(subject, "UTF-8");
            MimeBodyPart body = new MimeBodyPart();
            body.setText(html, "UTF-8", "html");
            MimeBodyPart file = new MimeBodyPart();
            file.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment, "application/pdf")));
            file.setFileName(filename);
            file.setDisposition(MimeBodyPart.ATTACHMENT);
            mail.setContent(new MimeMultipart(body, file));
            mail.saveChanges();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            mail.writeTo(bytes);
            return bytes.toByteArray();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] text(String from, String to, String subject, String text) {
        return ("From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\n\r\n" + text + "\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
