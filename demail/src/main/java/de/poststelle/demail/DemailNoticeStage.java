package de.poststelle.demail;

import de.poststelle.core.Envelope;
import de.poststelle.core.MailAddress;
import de.poststelle.core.pipeline.MailContext;
import de.poststelle.core.pipeline.Stage;
import de.poststelle.core.pipeline.StageResult;
import de.poststelle.core.trace.DemailTraceLog;
import jakarta.mail.internet.InternetHeaders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Adds a confirmation or notice the provider sent back to the message trace of the De-Mail it is
 * about, found by the Message-ID in {@link DemailHeaders#REFERENCE} (or In-Reply-To). Only mail
 * the gateway took for a De-Mail address counts: the SMTP server accepts that from the
 * authenticated provider alone, so nobody else can add to a trace. The mail itself goes on to
 * the clerk unchanged.
 */
public final class DemailNoticeStage implements Stage {

    private final DemailTraceLog trace;

    public DemailNoticeStage(DemailTraceLog trace) {
        this.trace = trace;
    }

    @Override
    public StageResult process(MailContext mail) {
        Envelope envelope = mail.envelope();
        if (envelope.originalRecipients().equals(envelope.recipients())) {
            return StageResult.CONTINUE;
        }
        InternetHeaders headers;
        try {
            headers = HeaderRewrite.read(mail.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Optional<String> kind = first(headers, DemailHeaders.NOTICE);
        Optional<String> reference = first(headers, DemailHeaders.REFERENCE).or(() -> first(headers, "In-Reply-To"));
        if (kind.isEmpty() || reference.isEmpty()) {
            return StageResult.CONTINUE;
        }
        String noticeId = first(headers, "Message-ID").orElse(mail.queueId());
        for (int i = 0; i < envelope.recipients().size(); i++) {
            Optional<MailAddress> demailSender = envelope.rewrittenFrom(i);
            demailSender.ifPresent(sender -> trace.noticeReceived(reference.get(), sender, kind.get(), noticeId));
        }
        return StageResult.CONTINUE;
    }

    private static Optional<String> first(InternetHeaders headers, String name) {
        return Optional.ofNullable(headers.getHeader(name, null)).map(String::strip).filter(value -> !value.isEmpty());
    }
}
