package de.poststelle.core;

import java.util.List;
import java.util.Optional;

/**
 * Hands one message to the destination of a {@link Route}. Never throws for delivery problems:
 * every recipient gets an outcome, so the queue can retry or bounce each one on its own.
 */
public interface MailTransport {

    List<RecipientOutcome> deliver(Route route, Optional<MailAddress> sender, List<MailAddress> recipients,
                                   MessageSource message);
}
