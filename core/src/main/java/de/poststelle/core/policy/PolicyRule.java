package de.poststelle.core.policy;

import java.util.Locale;
import java.util.Optional;

/**
 * One policy rule of a tenant. Each setting may be left open ({@code empty}), then a less specific
 * rule (or the default) decides it.
 *
 * @param match the address or domain the rule is about, lower case; empty for {@link RuleLevel#TENANT}
 */
public record PolicyRule(long tenantId, RuleLevel level, String match, Optional<EncryptionMode> encryption,
                         Optional<Boolean> sign, Optional<SecureFormat> format) {

    public PolicyRule {
        match = match.strip().toLowerCase(Locale.ROOT);
        if (level == RuleLevel.TENANT != match.isEmpty()) {
            throw new IllegalArgumentException(level == RuleLevel.TENANT
                    ? "the tenant rule is about no address or domain"
                    : "a rule for " + level + " needs an address or domain");
        }
        if (!match.isEmpty() && level.isAddress() != match.contains("@")) {
            throw new IllegalArgumentException(level.isAddress()
                    ? "not a mail address: " + match : "a domain, not an address, is expected: " + match);
        }
    }
}
