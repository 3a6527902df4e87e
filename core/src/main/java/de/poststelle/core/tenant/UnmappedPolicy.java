package de.poststelle.core.tenant;

/** What happens to mail for an address of a De-Mail domain that has no address mapping. */
public enum UnmappedPolicy {
    /** Rejected at RCPT with 550 5.1.1, so the sender learns at once. */
    BOUNCE_ALL,
    /** Delivered to the domain's catch-all mailbox. */
    CATCH_ALL
}
