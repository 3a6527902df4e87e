package de.poststelle.core.policy;

/** Whether mail to an external recipient must, may or must not be encrypted. */
public enum EncryptionMode {
    /** Encrypted or not at all: without a trusted key the mail is held, never sent in clear. */
    MANDATORY,
    /** Encrypted when a trusted key is known, else sent as it is. */
    OPPORTUNISTIC,
    /** Never encrypted. */
    OFF
}
