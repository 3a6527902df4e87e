package de.poststelle.core.policy;

/**
 * What a policy rule applies to. A more specific level overrides a less specific one; the order
 * of the constants is the order of precedence, most specific first. Rules about the recipient win
 * over rules about the sender, because a partner that needs encryption needs it from everyone.
 */
public enum RuleLevel {
    /** One external recipient address. */
    RECIPIENT,
    /** All recipients in one external domain. */
    RECIPIENT_DOMAIN,
    /** One sender address of the tenant. */
    SENDER,
    /** All senders in one of the tenant's domains. */
    SENDER_DOMAIN,
    /** The tenant's default. */
    TENANT;

    /** Whether {@code match} (an address or a domain, lower case; empty for the tenant) names an address. */
    public boolean isAddress() {
        return this == RECIPIENT || this == SENDER;
    }
}
