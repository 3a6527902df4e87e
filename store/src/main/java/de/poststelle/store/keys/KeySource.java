package de.poststelle.store.keys;

/** How a key came into the store. */
public enum KeySource {
    IMPORTED, GENERATED, HARVESTED
}
