package de.poststelle.admin.service;

/** Published when an admin made queued mail due at once, so this node's workers look now rather than at the next poll. */
public record QueueWorkRequested(String queueId) {
}
