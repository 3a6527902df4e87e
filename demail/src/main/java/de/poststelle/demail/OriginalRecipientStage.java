package de.poststelle.demail;

import de.poststelle.core.Envelope;
import de.poststelle.core.pipeline.MailContext;
import de.poststelle.core.pipeline.Stage;
import de.poststelle.core.pipeline.StageResult;

/**
 * Names the De-Mail address a mail was sent to when the gateway delivers it to another mailbox
 * (a mapped internal address, or the CatchAll mailbox, where it is the only trace of the intended
 * recipient). The field is prepended, so the tenant's server finds ours on top of any a sender forged.
 */
public final class OriginalRecipientStage implements Stage {

    @Override
    public StageResult process(MailContext mail) {
        Envelope envelope = mail.envelope();
        for (int i = envelope.recipients().size() - 1; i >= 0; i--) {
            envelope.rewrittenFrom(i).ifPresent(original ->
                    mail.prependHeader(DemailHeaders.ORIGINAL_RECIPIENT, "<" + original + ">"));
        }
        return StageResult.CONTINUE;
    }
}
