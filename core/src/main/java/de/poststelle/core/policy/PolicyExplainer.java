package de.poststelle.core.policy;

import de.poststelle.core.MailAddress;

/** Answers "what would happen to mail from this sender to this recipient, and why" for an admin. */
@FunctionalInterface
public interface PolicyExplainer {

    OutboundDecision explain(long tenantId, MailAddress sender, MailAddress recipient);
}
