package de.poststelle.core.pipeline;

/**
 * One step between the queue and delivery (scan, map, encrypt, route…). A stage looks at or
 * changes the {@link MailContext} and says whether the mail goes on. Stages must be safe to run
 * again on the same mail: processing is retried after a crash or a {@link StageResult.Defer}.
 */
@FunctionalInterface
public interface Stage {

    StageResult process(MailContext mail) throws Exception;
}
