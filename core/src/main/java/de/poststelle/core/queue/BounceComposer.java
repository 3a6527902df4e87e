package de.poststelle.core.queue;

import de.poststelle.core.MessageSource;

import java.io.IOException;

/** Writes the non-delivery notification (RFC 3464 DSN) for a {@link BounceJob}. */
public interface BounceComposer {

    MessageSource compose(BounceJob job) throws IOException;
}
