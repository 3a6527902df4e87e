package de.poststelle.core.tenant;

import de.poststelle.core.MailAddress;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ScanPolicyTest {

    private static final MailAddress SECURITY_A = MailAddress.parse("sicherheit@amt-a.example");
    private static final MailAddress SECURITY_B = MailAddress.parse("sicherheit@amt-b.example");

    @Test
    void aMailOfNoTenantGetsTheDefaultFailClosedPolicy() {
        assertThat(ScanPolicy.strictest(List.of())).isEqualTo(ScanPolicy.DEFAULT);
        assertThat(ScanPolicy.DEFAULT.failOpen()).isFalse();
    }

    @Test
    void failOpenOnlyWhenEveryTenantOfTheMailChoseIt() {
        ScanPolicy open = new ScanPolicy(true, true, List.of());
        assertThat(ScanPolicy.strictest(List.of(open, open)).failOpen()).isTrue();
        assertThat(ScanPolicy.strictest(List.of(open, ScanPolicy.DEFAULT)).failOpen()).isFalse();
    }

    @Test
    void oneTenantAgainstSenderBouncesSilencesThemAndEveryTenantsAlertRecipientsAreTold() {
        ScanPolicy a = new ScanPolicy(false, false, List.of(SECURITY_A));
        ScanPolicy b = new ScanPolicy(false, true, List.of(SECURITY_B, SECURITY_A));
        ScanPolicy combined = ScanPolicy.strictest(List.of(a, b));
        assertThat(combined.notifySender()).isFalse();
        assertThat(combined.alertRecipients()).containsExactly(SECURITY_A, SECURITY_B);
    }
}
