package de.poststelle.admin.access;

/** The actor may see the thing but lacks the role to do this with it. */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message);
    }
}
