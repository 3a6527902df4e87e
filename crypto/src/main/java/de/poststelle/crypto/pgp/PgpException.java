package de.poststelle.crypto.pgp;

/** An OpenPGP operation failed for a reason other than I/O: a bad key, no matching key, a crypto error. */
public class PgpException extends Exception {
    public PgpException(String message) {
        super(message);
    }

    public PgpException(String message, Throwable cause) {
        super(message, cause);
    }
}
