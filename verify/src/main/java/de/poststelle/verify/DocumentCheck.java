package de.poststelle.verify;

import java.util.List;
import java.util.Optional;

/**
 * The check of one signed document found in a mail.
 *
 * @param name          the attachment's file name (or a description for the mail's own signature)
 * @param signatures    one entry per signature found
 * @param etsiReport    DSS's ETSI TS 119 102-2 validation report (XML); empty when the check failed
 * @param problem       why the document could not be checked (too large, unreadable); empty when checked
 */
public record DocumentCheck(String name, List<SignatureCheck> signatures, Optional<String> etsiReport,
                            Optional<String> problem) {

    static DocumentCheck notChecked(String name, String problem) {
        return new DocumentCheck(name, List.of(), Optional.empty(), Optional.of(problem));
    }
}
