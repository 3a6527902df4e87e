package de.poststelle.core.pipeline;

import de.poststelle.core.SmtpReply;

/** What a {@link Stage} decided about a mail as a whole. */
public sealed interface StageResult {

    StageResult CONTINUE = new Continue();

    /** Go on with the next stage. */
    record Continue() implements StageResult {
    }

    /** Try the whole pipeline again later, e.g. because a scanner is unreachable. */
    record Defer(String reason) implements StageResult {
    }

    /**
     * Do not deliver; every remaining recipient fails permanently and the sender gets a bounce
     * quoting {@code reply}.
     */
    record Reject(SmtpReply reply) implements StageResult {
    }
}
