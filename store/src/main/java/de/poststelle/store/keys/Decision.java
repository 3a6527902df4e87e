package de.poststelle.store.keys;

import java.time.Instant;

/** Who did something to a key, and when. */
public record Decision(String by, Instant at) {
}
