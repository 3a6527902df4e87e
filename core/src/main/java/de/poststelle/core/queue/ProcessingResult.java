package de.poststelle.core.queue;

import de.poststelle.core.MailAddress;
import de.poststelle.core.MessageSource;
import de.poststelle.core.SmtpReply;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the pipeline made of a mail: header fields to put in front, possibly a new content,
 * recipients that failed permanently (with the reason a bounce will quote), and groups of
 * recipients to move into new mails of their own that go through the pipeline again (with the
 * content as received), recipients a stage delivered itself (with where to), and mails the stages
 * wrote that are queued together with this result (e.g. notices of those deliveries).
 */
public record ProcessingResult(List<String> prependedHeaders, Optional<MessageSource> replacedContent,
                               Map<MailAddress, SmtpReply> failedRecipients, boolean bounceFailures,
                               List<List<MailAddress>> splitOff, Map<MailAddress, String> handedOff,
                               List<GeneratedMail> generated) {

    public ProcessingResult {
        prependedHeaders = List.copyOf(prependedHeaders);
        failedRecipients = Map.copyOf(failedRecipients);
        splitOff = splitOff.stream().map(List::copyOf).toList();
        handedOff = Map.copyOf(handedOff);
        generated = List.copyOf(generated);
    }

    public ProcessingResult(List<String> prependedHeaders, Optional<MessageSource> replacedContent,
                            Map<MailAddress, SmtpReply> failedRecipients, boolean bounceFailures,
                            List<List<MailAddress>> splitOff) {
        this(prependedHeaders, replacedContent, failedRecipients, bounceFailures, splitOff, Map.of(), List.of());
    }

    public ProcessingResult(List<String> prependedHeaders, Optional<MessageSource> replacedContent,
                            Map<MailAddress, SmtpReply> failedRecipients, boolean bounceFailures) {
        this(prependedHeaders, replacedContent, failedRecipients, bounceFailures, List.of());
    }
}
