package de.poststelle.messenger.service;

import de.poststelle.core.CidrRange;
import de.poststelle.core.MailAddress;
import de.poststelle.core.tenant.AuthorityRegistration;
import de.poststelle.core.tenant.TenantDomain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The public form of an authority that wants to use the gateway actively, as typed. {@link #check()}
 * finds everything wrong at once, so the requester can fix all fields in one go. Domains may be
 * separated by line breaks, spaces, commas or semicolons.
 */
public record AuthorityRequestForm(String authorityName, String contactPerson, String contactEmail, String phone,
                                   String domains, String mailServer, String remark) {

    /** One thing wrong with one field; {@code code} names the text, {@code argument} goes into it. */
    public record Problem(String field, String code, String argument) {
    }

    /** The checked request, or what is wrong with the form. */
    public record Checked(AuthorityRegistration.Request request, List<Problem> problems) {
    }

    static final int MAX_NAME = 200;
    static final int MAX_PHONE = 50;
    static final int MAX_REMARK = 2000;
    static final int MAX_DOMAINS = 20;

    public static AuthorityRequestForm empty() {
        return new AuthorityRequestForm("", "", "", "", "", "", "");
    }

    public Checked check() {
        List<Problem> problems = new ArrayList<>();
        required(problems, "authorityName", authorityName, MAX_NAME);
        required(problems, "contactPerson", contactPerson, MAX_NAME);
        if (required(problems, "contactEmail", contactEmail, 254) && !isAddress(text(contactEmail))) {
            problems.add(new Problem("contactEmail", "invalid-address", text(contactEmail)));
        }
        if (text(phone).length() > MAX_PHONE) {
            problems.add(new Problem("phone", "too-long", String.valueOf(MAX_PHONE)));
        } else if (!text(phone).matches("[0-9+()/ .-]*")) {
            problems.add(new Problem("phone", "invalid-phone", text(phone)));
        }
        List<String> domainList = domainList(problems);
        if (required(problems, "mailServer", mailServer, 253) && !isHost(text(mailServer))) {
            problems.add(new Problem("mailServer", "invalid-host", text(mailServer)));
        }
        if (text(remark).length() > MAX_REMARK) {
            problems.add(new Problem("remark", "too-long", String.valueOf(MAX_REMARK)));
        }
        AuthorityRegistration.Request request = problems.isEmpty()
                ? new AuthorityRegistration.Request(text(authorityName), text(contactPerson), text(contactEmail),
                text(phone), domainList, text(mailServer).toLowerCase(Locale.ROOT), text(remark))
                : null;
        return new Checked(request, List.copyOf(problems));
    }

    private List<String> domainList(List<Problem> problems) {
        List<String> typed = Arrays.stream(text(domains).split("[\\s,;]+")).filter(d -> !d.isEmpty()).toList();
        if (typed.isEmpty()) {
            problems.add(new Problem("domains", "required", ""));
        } else if (typed.size() > MAX_DOMAINS) {
            problems.add(new Problem("domains", "too-many-domains", String.valueOf(MAX_DOMAINS)));
        }
        Set<String> valid = new LinkedHashSet<>();
        for (String domain : typed) {
            try {
                valid.add(TenantDomain.normalizeName(domain));
            } catch (IllegalArgumentException invalid) {
                problems.add(new Problem("domains", "invalid-domain", domain));
            }
        }
        return List.copyOf(valid);
    }

    private static boolean required(List<Problem> problems, String field, String value, int max) {
        if (text(value).isEmpty()) {
            problems.add(new Problem(field, "required", ""));
            return false;
        }
        if (text(value).length() > max) {
            problems.add(new Problem(field, "too-long", String.valueOf(max)));
            return false;
        }
        return true;
    }

    /** Like the passive registration, plus a dot in the domain: an authority's address is never local. */
    private static boolean isAddress(String text) {
        try {
            return MailAddress.parse(text).domain().contains(".");
        } catch (IllegalArgumentException invalid) {
            return false;
        }
    }

    /** A fully qualified host name, or an IPv4 or IPv6 address. */
    private static boolean isHost(String text) {
        try {
            TenantDomain.normalizeName(text);
            return true;
        } catch (IllegalArgumentException notAName) {
            try {
                return !text.contains("/") && CidrRange.parse(text) != null;
            } catch (IllegalArgumentException notAnAddress) {
                return false;
            }
        }
    }

    private static String text(String value) {
        return value == null ? "" : value.strip();
    }
}
