package de.poststelle.messenger.service;

import de.poststelle.messenger.service.AuthorityRequestForm.Problem;
import org.junit.jupiter.api.Test;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** What the public form of an authority accepts, and what it says about the rest. */
class AuthorityRequestFormTest {

    private static AuthorityRequestForm form(String name, String email, String phone, String domains, String server,
                                             String remark) {
        return new AuthorityRequestForm(name, "Frau Muster", email, phone, domains, server, remark);
    }

    @Test
    void aGoodRequestIsNormalisedAndDuplicateDomainsCountOnce() {
        AuthorityRequestForm.Checked checked = form(" Stadt Muster ", "it@muster.example", "+49 (351) 12-34",
                "Muster.example; amt.muster.example\nmuster.example", "::1", "")
                .check();

        assertThat(checked.problems()).isEmpty();
        assertThat(checked.request().authorityName()).isEqualTo("Stadt Muster");
        assertThat(checked.request().domains()).containsExactly("muster.example", "amt.muster.example");
        assertThat(checked.request().mailServer()).isEqualTo("::1");
    }

    @Test
    void everyFieldReportsItsOwnProblemWithTheLimit() {
        String manyDomains = IntStream.rangeClosed(1, 21).mapToObj(i -> "d" + i + ".example")
                .collect(Collectors.joining("\n"));

        AuthorityRequestForm.Checked checked = form("x".repeat(201), "it@localhost", "0351 eins", manyDomains,
                "mail server", "y".repeat(2001)).check();

        assertThat(checked.request()).isNull();
        assertThat(checked.problems()).containsExactlyInAnyOrder(
                new Problem("authorityName", "too-long", "200"),
                new Problem("contactEmail", "invalid-address", "it@localhost"),
                new Problem("phone", "invalid-phone", "0351 eins"),
                new Problem("domains", "too-many-domains", "20"),
                new Problem("mailServer", "invalid-host", "mail server"),
                new Problem("remark", "too-long", "2000"));
    }
}
