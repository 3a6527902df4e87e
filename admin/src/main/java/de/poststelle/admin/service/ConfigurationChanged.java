package de.poststelle.admin.service;

/**
 * Published after a change to domains or mappings commits, so this node's gateway stops using what
 * it has cached at once; other nodes notice within their cache lifetime.
 */
public record ConfigurationChanged(String what) {
}
