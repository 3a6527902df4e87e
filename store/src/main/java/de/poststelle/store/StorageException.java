package de.poststelle.store;

/** The database failed; callers answer with a temporary error and try again later. */
public class StorageException extends RuntimeException {

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
