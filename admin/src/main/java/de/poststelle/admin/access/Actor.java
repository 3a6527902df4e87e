package de.poststelle.admin.access;

import de.poststelle.core.tenant.Authority;

/** Who is acting, with what authority, from where: every service call takes one. */
public record Actor(Authority authority, String remoteAddress) {

    public String username() {
        return authority.user().username();
    }
}
