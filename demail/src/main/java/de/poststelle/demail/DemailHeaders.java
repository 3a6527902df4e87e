package de.poststelle.demail;

/**
 * Every De-Mail header field the gateway writes or reads, with its values, in one place.
 * The concepts follow BSI TR 01201 (De-Mail), part "Postfach- und Versanddienst": the dispatch
 * options a sender chooses and the notices the provider returns. The field names themselves are
 * OURS: the exchange format between a gateway and its provider is not publicly specified, so they
 * must be aligned with the provider's interface description before production use (docs/demail.md).
 */
public final class DemailHeaders {

    private DemailHeaders() {
    }

    /** Value of an option field that is chosen; an option is off when its field is absent. */
    public static final String YES = "yes";

    // Dispatch options ("Versandoptionen"), set by the gateway on outgoing De-Mail.

    /** "persönlich": only the recipient in person may open it (TR 01201: personal delivery). */
    public static final String PERSONAL = "X-De-Mail-Personal";
    /** "absenderbestätigt": the provider confirms the sender's secure login (TR 01201: sender authenticated). */
    public static final String SENDER_AUTHENTICATED = "X-De-Mail-Sender-Authenticated";
    /** "Versandbestätigung": the sender's provider confirms dispatch. */
    public static final String DISPATCH_CONFIRMATION = "X-De-Mail-Dispatch-Confirmation";
    /** "Eingangsbestätigung": the recipient's provider confirms that the mail reached the mailbox. */
    public static final String RECEIPT_CONFIRMATION = "X-De-Mail-Receipt-Confirmation";
    /** "Abholbestätigung": the recipient's provider confirms that the recipient logged in after arrival. */
    public static final String COLLECTION_CONFIRMATION = "X-De-Mail-Collection-Confirmation";

    // Notices the provider sends back about an earlier De-Mail.

    /** What a provider notice is; one of the {@code NOTICE_*} values. */
    public static final String NOTICE = "X-De-Mail-Notice";
    public static final String NOTICE_DISPATCHED = "dispatch-confirmation";
    public static final String NOTICE_RECEIVED = "receipt-confirmation";
    public static final String NOTICE_COLLECTED = "collection-confirmation";
    public static final String NOTICE_DELIVERY_FAILED = "delivery-failed";
    /** In a notice: the Message-ID of the De-Mail it is about, in angle brackets. */
    public static final String REFERENCE = "X-De-Mail-Reference";

    // Written by the gateway for the tenant's mail server (not part of De-Mail).

    /** The De-Mail address a mail was sent to, on mail delivered to a CatchAll mailbox. */
    public static final String ORIGINAL_RECIPIENT = "X-Poststelle-Original-Recipient";
}
