package de.poststelle.core.queue;

import java.io.IOException;

/**
 * The queue has no room for the message now (disk or quota full). Nothing was stored; the client
 * is told to try again later ({@code 452 4.3.1}), which is all it can do.
 */
public class InsufficientStorageException extends IOException {

    public InsufficientStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
