package de.poststelle.core.tenant;

/** Who at a tenant the operator talks to. */
public record Contact(String name, String email, String phone) {

    public Contact {
        name = name == null ? "" : name.strip();
        email = email == null ? "" : email.strip();
        phone = phone == null ? "" : phone.strip();
    }

    public boolean isEmpty() {
        return name.isEmpty() && email.isEmpty() && phone.isEmpty();
    }
}
