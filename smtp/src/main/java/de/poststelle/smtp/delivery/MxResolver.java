package de.poststelle.smtp.delivery;

/** Finds the mail exchangers of a domain; an interface so tests need no Internet DNS. */
public interface MxResolver {

    MxLookup lookup(String domain);
}
