package de.poststelle.admin.api;

import de.poststelle.core.MailAddress;
import de.poststelle.core.trace.DemailTrace;

import java.time.Instant;
import java.util.List;

/**
 * The trace of one outgoing De-Mail: the clerk's internal address and the De-Mail address it was
 * mapped to, the recipients, the dispatch options, the provider's SMTP answer per recipient and
 * the confirmations and notices the provider sent back (kind and the notice's own Message-ID).
 */
public record DemailTraceDto(String queueId, String messageId, String internalSender, String demailSender,
                             List<String> recipients, List<String> options, Instant dispatchedAt,
                             List<ProviderAnswer> providerAnswers, List<Notice> notices) {

    public record ProviderAnswer(Instant at, String recipient, String reply) {
    }

    public record Notice(Instant at, String kind, String messageId) {
    }

    static DemailTraceDto from(DemailTrace trace) {
        var dispatch = trace.dispatch();
        return new DemailTraceDto(dispatch.queueId(), dispatch.messageId(), dispatch.internalSender().toString(),
                dispatch.demailSender().toString(), dispatch.recipients().stream().map(MailAddress::toString).toList(),
                dispatch.options(), trace.dispatchedAt(),
                trace.events().stream().filter(e -> e.kind() == DemailTrace.EventKind.PROVIDER_ANSWER)
                        .map(e -> new ProviderAnswer(e.at(), e.subject(), e.detail())).toList(),
                trace.events().stream().filter(e -> e.kind() == DemailTrace.EventKind.NOTICE)
                        .map(e -> new Notice(e.at(), e.subject(), e.detail())).toList());
    }
}
