package de.poststelle.app.demail;

import de.poststelle.core.RecipientOutcome;
import de.poststelle.core.queue.DeliveryJob;
import de.poststelle.core.queue.DeliveryListener;
import de.poststelle.core.trace.DemailTraceLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Predicate;

/** Writes the provider's SMTP answer for each De-Mail recipient into the message trace. */
public final class DemailProviderAnswers implements DeliveryListener {

    private static final Logger log = LoggerFactory.getLogger(DemailProviderAnswers.class);

    private final Predicate<String> demailDomain;
    private final DemailTraceLog trace;

    public DemailProviderAnswers(Predicate<String> demailDomain, DemailTraceLog trace) {
        this.demailDomain = demailDomain;
        this.trace = trace;
    }

    @Override
    public void attempted(DeliveryJob job, List<RecipientOutcome> outcomes) {
        if (!demailDomain.test(job.domain())) {
            return;
        }
        try {
            outcomes.forEach(outcome -> trace.providerAnswered(job.queueId(), outcome.recipient(), outcome.reply()));
        } catch (RuntimeException e) {
            // The outcome is already recorded in the queue; a gap in the trace must not make us deliver twice.
            log.warn("queueId={} provider answer not written to the De-Mail trace: {}", job.queueId(), e.toString());
        }
    }
}
