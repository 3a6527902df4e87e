package de.poststelle.core.queue;

import de.poststelle.core.MailAddress;
import de.poststelle.core.MessageSource;
import de.poststelle.core.SmtpReply;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the pipeline made of a mail: header fields to put in front, possibly a new content, and
 * recipients that failed permanently (with the reason a bounce will quote).
 */
public record ProcessingResult(List<String> prependedHeaders, Optional<MessageSource> replacedContent,
                               Map<MailAddress, SmtpReply> failedRecipients, boolean bounceFailures) {

    public ProcessingResult {
        prependedHeaders = List.copyOf(prependedHeaders);
        failedRecipients = Map.copyOf(failedRecipients);
    }
}
