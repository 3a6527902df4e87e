package de.poststelle.crypto.keys;

/**
 * A file or key that cannot be used, with a message for the admin. {@code code} names the
 * problem for translated messages ({@code keys.error.<code>} in the console).
 */
public class KeyMaterialException extends IllegalArgumentException {

    private final String code;

    public KeyMaterialException(String code, String message) {
        super(message);
        this.code = code;
    }

    public KeyMaterialException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
