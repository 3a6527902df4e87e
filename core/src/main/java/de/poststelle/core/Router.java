package de.poststelle.core;

/** Chooses the {@link Route} for a recipient domain. */
public interface Router {

    Route route(String domain);
}
