package de.poststelle.crypto.stages;

/** Encrypting or signing a mail failed, e.g. a certificate could not be used. */
public final class ProtectionException extends Exception {

    public ProtectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
