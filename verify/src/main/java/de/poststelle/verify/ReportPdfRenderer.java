package de.poststelle.verify;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Writes the human-readable verification report: a Thymeleaf template made into a tagged PDF
 * (PDF/UA) with Liberation Sans embedded, so screen readers can read it and it looks the same everywhere.
 */
public final class ReportPdfRenderer {

    private static final String FONT = "Liberation Sans";

    /** The mail the report is about, as its header names it. */
    public record MailInfo(String subject, String from, Instant checkedAt) {
    }

    private final TemplateEngine templates = new TemplateEngine();
    private final ReportTexts texts;
    private final Supplier<List<TrustedLists.Ignored>> ignoredTrustedLists;

    public ReportPdfRenderer(ReportTexts texts) {
        this(texts, List::of);
    }

    /** @param ignoredTrustedLists configured trusted lists not in use right now, which the report names */
    public ReportPdfRenderer(ReportTexts texts, Supplier<List<TrustedLists.Ignored>> ignoredTrustedLists) {
        this.texts = texts;
        this.ignoredTrustedLists = ignoredTrustedLists;
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(ReportPdfRenderer.class.getClassLoader());
        resolver.setPrefix("de/poststelle/verify/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.XML);
        resolver.setCharacterEncoding("UTF-8");
        templates.setTemplateResolver(resolver);
    }

    public byte[] render(List<DocumentCheck> checks, MailInfo mail, String summary) throws IOException {
        Context context = new Context(texts.locale());
        context.setVariable("m", texts.all());
        context.setVariable("lang", texts.locale().getLanguage());
        context.setVariable("mail", mail);
        context.setVariable("checkedAt", texts.date(mail.checkedAt()));
        context.setVariable("summary", summary);
        context.setVariable("documents", checks.stream().map(this::view).toList());
        context.setVariable("ignoredTrustedLists", ignoredTrustedLists.get().stream()
                .map(list -> texts.get("trustedList." + list.problem().name(), list.url(), list.detail())).toList());
        String html = templates.process("pruefprotokoll", context);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useFastMode();
        builder.usePdfUaAccessibility(true);
        builder.useFont(() -> font("LiberationSans-Regular.ttf"), FONT, 400, FontStyle.NORMAL, true);
        builder.useFont(() -> font("LiberationSans-Bold.ttf"), FONT, 700, FontStyle.NORMAL, true);
        builder.withHtmlContent(html, null);
        builder.toStream(out);
        builder.run();
        return out.toByteArray();
    }

    private static InputStream font(String file) {
        return ReportPdfRenderer.class.getClassLoader().getResourceAsStream("liberation/" + file);
    }

    /** One document as the template shows it. */
    public record DocumentView(String name, String problem, List<SignatureView> signatures) {
    }

    /** One signature as the template shows it; {@code verdictClass} picks the colour, the words carry the meaning. */
    public record SignatureView(int number, String signer, String signingTime, String qualification, String format,
                                List<String> chain, String revocation, String verdict, String verdictClass,
                                List<String> reasons, List<String> details) {
    }

    private DocumentView view(DocumentCheck check) {
        List<SignatureView> signatures = new ArrayList<>();
        for (SignatureCheck signature : check.signatures()) {
            signatures.add(new SignatureView(signatures.size() + 1, signature.signer().orElse(texts.get("unknown")),
                    signature.signingTime().map(texts::date).orElse(texts.get("unknown")), signature.qualification(),
                    signature.format(), signature.chain(), signature.revocation(), texts.verdict(signature.verdict()),
                    signature.verdict().name(), signature.reasons(), signature.details()));
        }
        return new DocumentView(check.name(), check.problem().orElse(null), signatures);
    }
}
