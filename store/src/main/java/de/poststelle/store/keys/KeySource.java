package de.poststelle.store.keys;

/** How a key came into the store. */
public enum KeySource {
    IMPORTED, GENERATED, HARVESTED,
    /** Found by key discovery (LDAP, WKD): used only once trusted (certificates) or approved (OpenPGP keys). */
    DISCOVERED,
    /** Uploaded by the recipient in their Messenger mailbox: certificates used once trusted, OpenPGP keys once approved. */
    MESSENGER
}
