package de.poststelle.core.trace;

import de.poststelle.core.MailAddress;
import de.poststelle.core.SmtpReply;

/**
 * Where the gateway writes down what happens to each outgoing De-Mail, so an administrator can
 * follow one mail: how it was mapped and with which options it went out, what the provider
 * answered, and which confirmations and notices came back for it.
 */
public interface DemailTraceLog {

    /** A De-Mail left the pipeline for the provider; replaces what an earlier run of the same mail wrote. */
    void dispatched(DemailDispatch dispatch);

    /** The provider's SMTP answer for one recipient of the mail queued as {@code queueId}; ignored for mail without trace. */
    void providerAnswered(String queueId, MailAddress recipient, SmtpReply reply);

    /**
     * The provider sent a notice of {@code kind} to {@code demailSender} about the De-Mail whose
     * Message-ID is {@code reference}. Recorded only for a De-Mail that this sender sent, once
     * per notice Message-ID.
     */
    void noticeReceived(String reference, MailAddress demailSender, String kind, String noticeMessageId);
}
