package de.poststelle.admin.access;

/**
 * The thing does not exist, or the actor may not know that it does: another tenant's data looks
 * exactly like missing data, so nothing leaks across tenants.
 */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
