package de.poststelle.core.tenant;

/**
 * A person who administers the gateway. An operator (ITSP admin) acts for all tenants; everybody
 * else acts only through roles granted in a tenant or delegated to them for a while.
 */
public record AdminUser(long id, String username, String displayName, String email, boolean operator,
                        boolean enabled) {

    /** Checks a login name; throws with a reason an admin can act on. */
    public static String normalizeUsername(String username) {
        String name = username == null ? "" : username.strip();
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._@-]{1,99}")) {
            throw new IllegalArgumentException(
                    "user name must be 2 to 100 letters, digits or . _ @ - and start with a letter or digit");
        }
        return name;
    }
}
