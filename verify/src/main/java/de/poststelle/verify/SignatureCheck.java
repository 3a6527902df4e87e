package de.poststelle.verify;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the report says about one signature, already in plain language for the reader.
 *
 * @param signer          who signed (the signing certificate's name), or empty if no certificate was found
 * @param signingTime     the time the signer claims, if the signature carries one
 * @param qualification   qualified or not, in words
 * @param format          the signature format DSS recognised, e.g. PAdES-BASELINE-B
 * @param chain           certificate subjects from the signer up to the trust anchor, as far as known
 * @param revocation      the signing certificate's revocation status, in words
 * @param reasons         why the verdict is not "valid", in words (empty when valid)
 * @param details         DSS's own messages behind the reasons, for the expert reader
 */
public record SignatureCheck(Optional<String> signer, Optional<Instant> signingTime, String qualification, String format,
                             List<String> chain, String revocation, Verdict verdict, List<String> reasons,
                             List<String> details) {
}
