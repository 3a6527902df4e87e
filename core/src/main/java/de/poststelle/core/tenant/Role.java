package de.poststelle.core.tenant;

/** What a gateway admin may do within one tenant (De-Mail Gateway Service, "Gateway Administration"). */
public enum Role {
    /** Manages the tenant's gateway admins and delegations. */
    USER_ADMIN,
    /** Maintains the receiving server and the CatchAll/BounceAll policy. */
    TECHNICAL_ADMIN,
    /** Maintains the address mappings. */
    ACCOUNT_ADMIN
}
