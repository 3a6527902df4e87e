package de.poststelle.app.gateway;

import de.poststelle.core.MailAddress;
import de.poststelle.core.MessageSource;
import de.poststelle.core.SmtpReply;
import de.poststelle.core.queue.BounceComposer;
import de.poststelle.core.queue.BounceJob;
import de.poststelle.smtp.dsn.DsnBuilder;
import de.poststelle.smtp.dsn.FailedRecipient;

import java.io.IOException;

/**
 * Bounces as RFC 3464 delivery status notifications. A recipient the gateway rewrote (a De-Mail
 * address mapped to an internal mailbox) is reported under the address the sender used, and
 * neither the internal address nor the tenant's internal server appear in the report.
 */
public final class DsnBounceComposer implements BounceComposer {

    private final DsnBuilder builder;

    public DsnBounceComposer(DsnBuilder builder) {
        this.builder = builder;
    }

    @Override
    public MessageSource compose(BounceJob job) throws IOException {
        var failed = job.recipients().stream().map(DsnBounceComposer::asTheSenderKnowsIt).toList();
        return builder.build(job.sender(), job.receivedAt(), failed, job.originalContent());
    }

    private static FailedRecipient asTheSenderKnowsIt(de.poststelle.core.queue.FailedRecipient recipient) {
        SmtpReply reply = SmtpReply.parse(recipient.reply());
        if (recipient.rewrittenFrom().isPresent()) {
            MailAddress original = recipient.rewrittenFrom().get();
            SmtpReply withoutInternalAddress = new SmtpReply(reply.code(), reply.enhancedStatus(),
                    reply.text().replace(recipient.address().toString(), original.toString()));
            return FailedRecipient.failed(original, withoutInternalAddress, null, recipient.failedAt());
        }
        String remoteHost = recipient.remoteHost();
        return FailedRecipient.failed(recipient.address(), reply,
                remoteHost == null || remoteHost.isEmpty() ? null : remoteHost, recipient.failedAt());
    }
}
