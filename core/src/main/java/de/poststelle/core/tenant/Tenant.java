package de.poststelle.core.tenant;

import java.time.Instant;
import java.util.Optional;

/** An authority (Mandant) served by the gateway. */
public record Tenant(long id, String name, Contact contact, Optional<TermsAcceptance> terms, Instant createdAt) {
}
