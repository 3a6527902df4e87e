package de.poststelle.messenger.service;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.jsoup.Jsoup;
import org.jsoup.safety.Safelist;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * A stored mail taken apart for the mailbox page: header fields, the body as safe HTML, and the
 * attachments in document order. HTML bodies are cleaned with jsoup's relaxed safelist minus
 * images: no script, no styles, no remote content that could tell the sender the mail was read.
 */
public record ReadableMessage(String from, String to, String subject, Optional<Instant> date, String safeHtml,
                              List<Attachment> attachments) {

    public record Attachment(int index, String filename, String contentType, long size) {
    }

    private static final Safelist SAFE = Safelist.relaxed().removeTags("img")
            .addEnforcedAttribute("a", "rel", "noopener noreferrer nofollow");

    public static ReadableMessage parse(byte[] raw) {
        try {
            MimeMessage mail = mime(raw);
            Body body = new Body();
            walk(mail, body);
            String html = body.html != null ? Jsoup.clean(body.html, SAFE)
                    : "<pre>" + org.jsoup.nodes.Entities.escape(body.text == null ? "" : body.text) + "</pre>";
            return new ReadableMessage(header(mail, "From"), header(mail, "To"),
                    mail.getSubject() == null ? "" : mail.getSubject(),
                    Optional.ofNullable(mail.getSentDate()).map(java.util.Date::toInstant), html, body.attachments);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("stored mail cannot be parsed: " + e.getMessage(), e);
        }
    }

    /** The subject alone, for storing it apart from the content. */
    public static String subjectOf(byte[] raw) {
        try {
            String subject = mime(raw).getSubject();
            return subject == null ? "" : subject;
        } catch (MessagingException e) {
            return "";
        }
    }

    /** The content of attachment {@code index}, if the mail has one with that number. */
    public static Optional<DownloadedAttachment> attachment(byte[] raw, int index) {
        try {
            Body body = new Body();
            walk(mime(raw), body);
            if (index < 0 || index >= body.parts.size()) {
                return Optional.empty();
            }
            Part part = body.parts.get(index);
            Attachment described = body.attachments.get(index);
            try (InputStream in = part.getInputStream()) {
                return Optional.of(new DownloadedAttachment(described.filename(), described.contentType(), in.readAllBytes()));
            }
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("stored mail cannot be parsed: " + e.getMessage(), e);
        }
    }

    public record DownloadedAttachment(String filename, String contentType, byte[] content) {
    }

    private static MimeMessage mime(byte[] raw) throws MessagingException {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
    }

    private static String header(MimeMessage mail, String name) throws MessagingException {
        String value = mail.getHeader(name, ", ");
        return value == null ? "" : value;
    }

    private static final class Body {
        String html;
        String text;
        final List<Attachment> attachments = new ArrayList<>();
        final List<Part> parts = new ArrayList<>();
    }

    private static void walk(Part part, Body body) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                walk(child, body);
            }
            return;
        }
        boolean attached = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null;
        if (!attached && part.isMimeType("text/html") && body.html == null) {
            body.html = (String) part.getContent();
        } else if (!attached && part.isMimeType("text/plain") && body.text == null) {
            body.text = (String) part.getContent();
        } else {
            String name = part.getFileName() == null ? "attachment-" + (body.parts.size() + 1) : part.getFileName();
            String type = part.getContentType() == null ? "application/octet-stream" : part.getContentType().split(";")[0].strip();
            body.attachments.add(new Attachment(body.parts.size(), name, type, Math.max(part.getSize(), 0)));
            body.parts.add(part);
        }
    }
}
