package de.poststelle.core.queue;

import de.poststelle.core.Envelope;
import de.poststelle.core.MessageSource;

/** A mail the gateway writes itself, queued in the same transaction as the change it reports. */
public record GeneratedMail(Envelope envelope, MessageSource content) {
}
