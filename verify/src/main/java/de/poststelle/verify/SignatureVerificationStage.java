package de.poststelle.verify;

import de.poststelle.core.DomainDirectory;
import de.poststelle.core.MailAddress;
import de.poststelle.core.pipeline.MailContext;
import de.poststelle.core.pipeline.Stage;
import de.poststelle.core.pipeline.StageResult;
import jakarta.mail.internet.MimeUtility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Checks the signed documents of mail for internal recipients (a recipient in one of the tenants'
 * domains) and attaches the verification report: a PDF for people and the ETSI validation report
 * (XML) per document for machines, plus a summary header such as
 * {@code X-Poststelle-Signaturpruefung: 2 gültig, 1 unbestimmt}. External recipients of the same
 * mail are split off first into a copy of their own, which goes out without the report.
 * <p>
 * Mail without signed documents passes untouched. The check never holds a mail back: if it fails,
 * the mail goes on unchanged with a header saying so.
 */
public final class SignatureVerificationStage implements Stage {

    public static final String HEADER = "X-Poststelle-Signaturpruefung";
    private static final Logger log = LoggerFactory.getLogger(SignatureVerificationStage.class);

    private final DomainDirectory domains;
    private final SignedDocumentFinder finder;
    private final DssSignatureValidator validator;
    private final ReportPdfRenderer renderer;
    private final ReportTexts texts;
    private final Clock clock;
    private final ReportAttacher attacher = new ReportAttacher();

    public SignatureVerificationStage(DomainDirectory domains, SignedDocumentFinder finder, DssSignatureValidator validator,
                                      ReportPdfRenderer renderer, ReportTexts texts, Clock clock) {
        this.domains = domains;
        this.finder = finder;
        this.validator = validator;
        this.renderer = renderer;
        this.texts = texts;
        this.clock = clock;
    }

    @Override
    public StageResult process(MailContext mail) {
        if (mail.activeRecipients().stream().noneMatch(this::isInternal)) {
            return StageResult.CONTINUE;
        }
        Path work = null;
        try {
            work = Files.createTempDirectory("poststelle-verify");
            Path message = work.resolve("message.eml");
            try (InputStream in = mail.body().open()) {
                Files.copy(in, message);
            }
            SignedDocumentFinder.Found found = finder.find(message, work);
            List<DocumentCheck> checks = new ArrayList<>();
            for (SignedDocument document : found.documents()) {
                DocumentCheck check = check(mail.queueId(), document);
                if (!check.signatures().isEmpty() || check.problem().isPresent()) {
                    checks.add(check);
                }
            }
            checks.addAll(found.skipped());
            if (checks.isEmpty()) {
                return StageResult.CONTINUE;
            }
            keepReportInternal(mail);
            String summary = summary(checks);
            byte[] pdf = renderer.render(checks, new ReportPdfRenderer.MailInfo(found.subject(), found.from(), clock.instant()),
                    summary);
            Path rewritten = Files.createTempFile("poststelle-verified", ".eml");
            attacher.attach(message, attachments(pdf, checks), rewritten);
            mail.replaceBody(new SpooledMessage(rewritten));
            mail.prependHeader(HEADER, encode(summary));
            log.info("queueId={} signatures checked: {}", mail.queueId(), summary);
        } catch (Exception e) {
            log.warn("queueId={} signature check failed, mail goes on without a report", mail.queueId(), e);
            mail.prependHeader(HEADER, encode(texts.get("header.failed", oneLine(e))));
        } finally {
            deleteTree(work);
        }
        return StageResult.CONTINUE;
    }

    private boolean isInternal(MailAddress recipient) {
        return domains.find(recipient.domain()).isPresent();
    }

    /** The report is for the tenant's people only: external recipients get the mail as it was received, as a copy of its own. */
    private void keepReportInternal(MailContext mail) {
        List<MailAddress> external = mail.activeRecipients().stream().filter(recipient -> !isInternal(recipient)).toList();
        if (!external.isEmpty()) {
            mail.splitOff(external);
            log.info("queueId={} external recipients {} split off, they get no verification report", mail.queueId(),
                    external);
        }
    }

    private DocumentCheck check(String queueId, SignedDocument document) {
        try {
            return validator.validate(document);
        } catch (RuntimeException e) {
            log.info("queueId={} {} is no signed document DSS can read: {}", queueId, document.name(), e.toString());
            return DocumentCheck.notChecked(document.name(), texts.get("problem.unreadable", oneLine(e)));
        }
    }

    private List<ReportAttacher.Attachment> attachments(byte[] pdf, List<DocumentCheck> checks) {
        List<ReportAttacher.Attachment> attachments = new ArrayList<>();
        attachments.add(new ReportAttacher.Attachment(texts.get("file.pdf"), "application/pdf", pdf));
        for (DocumentCheck check : checks) {
            check.etsiReport().ifPresent(xml -> attachments.add(new ReportAttacher.Attachment(
                    texts.get("file.xml", safeFileName(check.name())), "application/xml",
                    xml.getBytes(StandardCharsets.UTF_8))));
        }
        return attachments;
    }

    /** E.g. "2 gültig, 1 unbestimmt, 1 nicht geprüft". */
    String summary(List<DocumentCheck> checks) {
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        checks.stream().flatMap(check -> check.signatures().stream())
                .forEach(signature -> counts.merge(signature.verdict(), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((verdict, count) -> parts.add(count + " " + texts.verdict(verdict)));
        long notChecked = checks.stream().filter(check -> check.problem().isPresent()).count();
        if (notChecked > 0) {
            parts.add(texts.get("header.skipped", notChecked));
        }
        return String.join(", ", parts);
    }

    /** ASCII letters, digits, dot, dash and underscore only, so the name needs no MIME encoding. */
    private static String safeFileName(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String safe = ascii.replaceAll("[^A-Za-z0-9._-]+", "_");
        return safe.length() > 60 ? safe.substring(safe.length() - 60) : safe;
    }

    private static String oneLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String line = message.replaceAll("[\\r\\n\\t]+", " ").strip();
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    private static String encode(String text) {
        try {
            return MimeUtility.encodeText(text, "UTF-8", "Q");
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
    }

    private static void deleteTree(Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
