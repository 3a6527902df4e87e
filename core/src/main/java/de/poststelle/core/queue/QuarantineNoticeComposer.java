package de.poststelle.core.queue;

import de.poststelle.core.MessageSource;

import java.io.IOException;

/** Writes the mail that alerts administrators to a quarantined mail. */
@FunctionalInterface
public interface QuarantineNoticeComposer {

    MessageSource compose(QuarantineNotice notice) throws IOException;
}
