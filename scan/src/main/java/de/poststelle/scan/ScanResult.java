package de.poststelle.scan;

/** What a virus scanner found in one message. Only {@link Clean} lets a mail through. */
public sealed interface ScanResult {

    /** Scanned completely; nothing found. */
    record Clean() implements ScanResult {
    }

    /** Malware found; {@code signature} is the scanner's name for it, e.g. {@code Win.Test.EICAR_HDB-1}. */
    record Infected(String signature) implements ScanResult {
    }

    /**
     * The message could not be scanned completely: scanner unreachable, timeout, size limit,
     * unexpected reply. Never to be treated as clean.
     */
    record Error(String reason) implements ScanResult {
    }
}
