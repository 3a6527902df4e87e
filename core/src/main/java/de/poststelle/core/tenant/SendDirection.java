package de.poststelle.core.tenant;

/** Which way mail may flow for a tenant's domain. */
public enum SendDirection {
    SEND_AND_RECEIVE(true, true),
    RECEIVE_ONLY(false, true),
    SEND_ONLY(true, false);

    private final boolean sends;
    private final boolean receives;

    SendDirection(boolean sends, boolean receives) {
        this.sends = sends;
        this.receives = receives;
    }

    /** Mail from the domain's addresses may leave through the gateway. */
    public boolean sends() {
        return sends;
    }

    /** Mail to the domain's addresses is accepted and handed to the tenant's receiving server. */
    public boolean receives() {
        return receives;
    }
}
