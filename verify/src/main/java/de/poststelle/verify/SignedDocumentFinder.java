package de.poststelle.verify;

import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.FileDocument;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.SharedFileInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Finds what can be validated in a mail: signed PDFs, CAdES files (.p7s with the document of the
 * same name, .p7m), XML with an XML signature, ASiC containers, and the mail's own S/MIME
 * signature. The message is read from a file, so only the parts of interest are decoded, each into
 * its own file in the work directory; a part over the size limit is not copied but listed as not checked.
 */
public final class SignedDocumentFinder {

    private static final String XMLDSIG_NAMESPACE = "http://www.w3.org/2000/09/xmldsig#";
    private static final List<String> ASIC_EXTENSIONS = List.of(".asics", ".asice", ".scs", ".sce");

    /**
     * What a mail holds: documents to validate and documents left out, with the reason; and the
     * mail's subject and sender as its header says (empty when absent), to name the mail in the report.
     */
    public record Found(List<SignedDocument> documents, List<DocumentCheck> skipped, String subject, String from) {
        public boolean isEmpty() {
            return documents.isEmpty() && skipped.isEmpty();
        }
    }

    private enum Kind { PDF, DETACHED_CMS, ENVELOPING_CMS, XML, ASIC }

    private final long maxDocumentSize;
    private final ReportTexts texts;

    public SignedDocumentFinder(long maxDocumentSize, ReportTexts texts) {
        this.maxDocumentSize = maxDocumentSize;
        this.texts = texts;
    }

    public Found find(Path messageFile, Path workDirectory) throws IOException, MessagingException {
        try (SharedFileInputStream in = new SharedFileInputStream(messageFile.toFile())) {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), in);
            Search search = new Search(workDirectory);
            search.visit(message);
            String from = message.getHeader("From", ", ");
            return search.finish(Objects.requireNonNullElse(message.getSubject(), ""),
                    from == null ? "" : MimeUtility.decodeText(MimeUtility.unfold(from)));
        }
    }

    /** The state of one walk through a message. */
    private final class Search {
        private final Path workDirectory;
        private final List<SignedDocument> documents = new ArrayList<>();
        private final List<DocumentCheck> skipped = new ArrayList<>();
        private final List<FileDocument> leaves = new ArrayList<>();
        private final List<FileDocument> detachedSignatures = new ArrayList<>();
        private int files;

        Search(Path workDirectory) {
            this.workDirectory = workDirectory;
        }

        void visit(Part part) throws IOException, MessagingException {
            if (part.isMimeType("multipart/signed") && isCms(new ContentType(part.getContentType()).getParameter("protocol"))) {
                Multipart signed = (Multipart) part.getContent();
                smimeSignature(signed.getBodyPart(0), signed.getBodyPart(1));
                visit(signed.getBodyPart(0));
            } else if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    visit(multipart.getBodyPart(i));
                }
            } else if (part.isMimeType("message/rfc822")) {
                visit((Part) part.getContent());
            } else {
                leaf(part);
            }
        }

        private void smimeSignature(BodyPart content, BodyPart signature) throws IOException, MessagingException {
            String name = texts.get("smimeName");
            Path contentFile = nextFile();
            // The signature covers the signed part exactly as sent, headers included.
            try (OutputStream out = Files.newOutputStream(contentFile)) {
                ((MimeBodyPart) content).writeTo(out);
            }
            Optional<FileDocument> signatureFile = copy(signature, name);
            signatureFile.ifPresent(file -> documents.add(
                    new SignedDocument(name, file, List.of(new FileDocument(contentFile.toFile())))));
        }

        private void leaf(Part part) throws IOException, MessagingException {
            String name = Optional.ofNullable(part.getFileName()).orElse("");
            Optional<Kind> kind = kindOf(part, name.toLowerCase(Locale.ROOT));
            if (kind.isEmpty()) {
                if (!name.isEmpty()) {
                    copy(part, name).ifPresent(leaves::add); // may be the document of a detached signature
                }
                return;
            }
            String shownName = name.isEmpty() ? texts.get("smimeName") : name;
            Optional<FileDocument> file = copy(part, shownName);
            if (file.isEmpty()) {
                return;
            }
            leaves.add(file.get());
            switch (kind.get()) {
                case DETACHED_CMS -> detachedSignatures.add(file.get());
                case PDF -> addIfContains(file.get(), "/ByteRange");
                case XML -> addIfContains(file.get(), XMLDSIG_NAMESPACE);
                case ENVELOPING_CMS, ASIC -> documents.add(new SignedDocument(shownName, file.get(), List.of()));
            }
        }

        private void addIfContains(FileDocument file, String marker) throws IOException {
            if (contains(Path.of(file.getFile().getPath()), marker)) {
                documents.add(new SignedDocument(file.getName(), file, List.of()));
            }
        }

        /** A detached signature goes with the document named like it without ".p7s", if the mail has one. */
        Found finish(String subject, String from) {
            for (FileDocument signature : detachedSignatures) {
                String signedName = signature.getName().replaceFirst("(?i)\\.p7s$", "");
                List<DSSDocument> signed = leaves.stream().filter(leaf -> leaf.getName().equals(signedName))
                        .<DSSDocument>map(leaf -> leaf).limit(1).toList();
                documents.add(new SignedDocument(signature.getName(), signature, signed));
            }
            return new Found(documents, skipped, subject, from);
        }

        /** Decodes a part into a file of the work directory, unless it is larger than allowed. */
        private Optional<FileDocument> copy(Part part, String name) throws IOException, MessagingException {
            Path file = nextFile();
            try (InputStream in = part.getInputStream(); OutputStream out = Files.newOutputStream(file)) {
                in.transferTo(new LimitedOutputStream(out, maxDocumentSize));
            } catch (LimitedOutputStream.LimitExceeded e) {
                Files.delete(file);
                skipped.add(DocumentCheck.notChecked(name, texts.get("problem.tooLarge", maxDocumentSize)));
                return Optional.empty();
            }
            FileDocument document = new FileDocument(file.toFile());
            document.setName(name);
            return Optional.of(document);
        }

        private Path nextFile() {
            return workDirectory.resolve("part-" + (++files));
        }
    }

    private static Optional<Kind> kindOf(Part part, String name) throws MessagingException {
        if (name.endsWith(".pdf") || part.isMimeType("application/pdf")) {
            return Optional.of(Kind.PDF);
        }
        if (name.endsWith(".p7s") || part.isMimeType("application/pkcs7-signature")
                || part.isMimeType("application/x-pkcs7-signature")) {
            return Optional.of(Kind.DETACHED_CMS);
        }
        if (name.endsWith(".p7m") || part.isMimeType("application/pkcs7-mime") || part.isMimeType("application/x-pkcs7-mime")) {
            String smimeType = new ContentType(part.getContentType()).getParameter("smime-type");
            // Encrypted S/MIME is the decryption stage's business, not a signed document.
            return "enveloped-data".equalsIgnoreCase(smimeType) || "authEnveloped-data".equalsIgnoreCase(smimeType)
                    ? Optional.empty() : Optional.of(Kind.ENVELOPING_CMS);
        }
        if (name.endsWith(".xml") || part.isMimeType("text/xml") || part.isMimeType("application/xml")) {
            return Optional.of(Kind.XML);
        }
        if (ASIC_EXTENSIONS.stream().anyMatch(name::endsWith) || part.isMimeType("application/vnd.etsi.asic-e+zip")
                || part.isMimeType("application/vnd.etsi.asic-s+zip")) {
            return Optional.of(Kind.ASIC);
        }
        return Optional.empty();
    }

    private static boolean isCms(String protocol) {
        return protocol != null && protocol.toLowerCase(Locale.ROOT).matches("application/(x-)?pkcs7-signature");
    }

    /** Looks for an ASCII marker in a file without reading it into memory at once. */
    static boolean contains(Path file, String marker) throws IOException {
        byte[] needle = marker.getBytes(StandardCharsets.US_ASCII);
        byte[] buffer = new byte[64 * 1024];
        int carried = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int read;
            while ((read = in.read(buffer, carried, buffer.length - carried)) > 0) {
                int filled = carried + read;
                if (indexOf(buffer, filled, needle) >= 0) {
                    return true;
                }
                carried = Math.min(needle.length - 1, filled);
                System.arraycopy(buffer, filled - carried, buffer, 0, carried);
            }
        }
        return false;
    }

    private static int indexOf(byte[] haystack, int length, byte[] needle) {
        outer:
        for (int i = 0; i <= length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
