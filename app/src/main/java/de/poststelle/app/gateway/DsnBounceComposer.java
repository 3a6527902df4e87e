package de.poststelle.app.gateway;

import de.poststelle.core.MessageSource;
import de.poststelle.core.SmtpReply;
import de.poststelle.core.queue.BounceComposer;
import de.poststelle.core.queue.BounceJob;
import de.poststelle.smtp.dsn.DsnBuilder;
import de.poststelle.smtp.dsn.FailedRecipient;

import java.io.IOException;

/** Bounces as RFC 3464 delivery status notifications. */
public final class DsnBounceComposer implements BounceComposer {

    private final DsnBuilder builder;

    public DsnBounceComposer(DsnBuilder builder) {
        this.builder = builder;
    }

    @Override
    public MessageSource compose(BounceJob job) throws IOException {
        var failed = job.recipients().stream()
                .map(r -> FailedRecipient.failed(r.address(), SmtpReply.parse(r.reply()),
                        r.remoteHost() == null || r.remoteHost().isEmpty() ? null : r.remoteHost(), r.failedAt()))
                .toList();
        return builder.build(job.sender(), job.receivedAt(), failed, job.originalContent());
    }
}
