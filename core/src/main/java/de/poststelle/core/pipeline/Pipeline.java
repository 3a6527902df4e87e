package de.poststelle.core.pipeline;

import java.util.List;

/** Runs stages in order until one of them stops the mail, or no recipient is left. */
public final class Pipeline {

    private final List<Stage> stages;

    public Pipeline(List<Stage> stages) {
        this.stages = List.copyOf(stages);
    }

    public StageResult run(MailContext mail) throws Exception {
        for (Stage stage : stages) {
            StageResult result = stage.process(mail);
            if (!(result instanceof StageResult.Continue)) {
                return result;
            }
            if (mail.activeRecipients().isEmpty()) {
                break;
            }
        }
        return StageResult.CONTINUE;
    }
}
