package de.poststelle.core.trace;

import de.poststelle.core.MailAddress;

import java.util.List;

/**
 * How one outgoing De-Mail was prepared: the clerk's internal address and the De-Mail address it
 * was mapped to, the recipients, and the dispatch options requested (their ASCII names).
 */
public record DemailDispatch(long tenantId, String queueId, String messageId, MailAddress internalSender,
                             MailAddress demailSender, List<MailAddress> recipients, List<String> options) {

    public DemailDispatch {
        recipients = List.copyOf(recipients);
        options = List.copyOf(options);
    }
}
