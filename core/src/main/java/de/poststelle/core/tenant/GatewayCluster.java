package de.poststelle.core.tenant;

/** A group of gateway nodes that works the mail of the domains assigned to it. */
public record GatewayCluster(String name, String description) {

    public GatewayCluster {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new IllegalArgumentException("cluster name must be 1 to 63 lower-case letters, digits or dashes");
        }
        description = description == null ? "" : description.strip();
    }
}
