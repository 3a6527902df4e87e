package de.poststelle.admin.access;

/** The change contradicts what is stored, e.g. an address that is mapped already. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
