package de.poststelle.verify;

import eu.europa.esig.dss.enumerations.Indication;

/** The outcome of one signature check, in the three words the report and the summary header use. */
public enum Verdict {
    VALID, INVALID, INDETERMINATE;

    static Verdict of(Indication indication) {
        return switch (indication) {
            case TOTAL_PASSED, PASSED -> VALID;
            case TOTAL_FAILED, FAILED -> INVALID;
            default -> INDETERMINATE;
        };
    }
}
