package de.poststelle.core.tenant;

import java.time.Instant;

/** A tenant's acceptance of the terms of use: which version, by whom, when. */
public record TermsAcceptance(String version, String acceptedBy, Instant acceptedAt) {
}
