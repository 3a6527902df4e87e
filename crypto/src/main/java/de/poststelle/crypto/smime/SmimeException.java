package de.poststelle.crypto.smime;

/** An S/MIME operation failed for a reason other than I/O: bad input, no matching key, a crypto error. */
public class SmimeException extends Exception {
    public SmimeException(String message) {
        super(message);
    }

    public SmimeException(String message, Throwable cause) {
        super(message, cause);
    }
}
