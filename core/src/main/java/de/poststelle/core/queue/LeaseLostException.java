package de.poststelle.core.queue;

/**
 * Thrown when a node tries to finish work whose lease ran out and that another node has taken
 * over; the result is dropped because the other node owns the work now.
 */
public class LeaseLostException extends RuntimeException {

    public LeaseLostException(String message) {
        super(message);
    }
}
