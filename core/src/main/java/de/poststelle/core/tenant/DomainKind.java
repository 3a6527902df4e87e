package de.poststelle.core.tenant;

/** Whether a tenant's domain carries De-Mail addresses or ordinary e-mail addresses. */
public enum DomainKind {
    DEMAIL,
    MAIL
}
