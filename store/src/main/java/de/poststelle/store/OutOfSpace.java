package de.poststelle.store;

import java.sql.SQLException;
import java.util.regex.Pattern;

/** Tells a failure caused by a full disk or quota from other database failures. */
final class OutOfSpace {

    /** PostgreSQL's SQLSTATE disk_full ("could not extend file"). */
    private static final String POSTGRES_DISK_FULL = "53100";
    /**
     * The operating system's texts for ENOSPC, EDQUOT and EFBIG, as Java's IOException carries them
     * (Java gives no errno); the embedded database passes them on as the cause of its failure.
     */
    private static final Pattern OS_MESSAGE = Pattern.compile("No space left on device|Disk quota exceeded|File too large");

    private OutOfSpace() {
    }

    static boolean causedBy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && POSTGRES_DISK_FULL.equals(sql.getSQLState())) {
                return true;
            }
            if (cause.getMessage() != null && OS_MESSAGE.matcher(cause.getMessage()).find()) {
                return true;
            }
        }
        return false;
    }
}
