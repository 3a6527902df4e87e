package de.poststelle.scan;

import de.poststelle.core.ClientInfo;
import de.poststelle.core.Envelope;
import de.poststelle.core.MailAddress;
import de.poststelle.core.MessageSource;
import de.poststelle.core.pipeline.MailContext;
import de.poststelle.core.pipeline.StageResult;
import de.poststelle.core.tenant.ScanPolicy;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link VirusScanStage} with a real clamd, and with one that is down. */
class VirusScanStageTest {

    private final List<ScanResult> reported = new ArrayList<>();

    private static MailContext mail(String body) throws IOException {
        ClientInfo client = new ClientInfo(InetAddress.getLoopbackAddress(), "client.test", false, null, Instant.now());
        Envelope envelope = new Envelope(Optional.of(MailAddress.parse("a@behoerde.example")),
                List.of(MailAddress.parse("b@extern.example")), client);
        return new MailContext("Q1", envelope, Instant.now(), MessageSource.ofBytes(
                ("Subject: x\r\n\r\n" + body + "\r\n").getBytes(StandardCharsets.US_ASCII)));
    }

    private VirusScanStage stage(String address, ScanPolicy policy) {
        return new VirusScanStage(new ClamdScanner(ClamdAddress.parse(address), Duration.ofSeconds(2),
                Duration.ofSeconds(10), TestClamd.STREAM_MAX_LENGTH), envelope -> policy, (queueId, r) -> reported.add(r));
    }

    @Test
    void cleanMailGoesOnAndInfectedMailIsQuarantinedWithItsSignature() throws IOException {
        VirusScanStage stage = stage(TestClamd.address(), ScanPolicy.DEFAULT);
        MailContext clean = mail("Hallo");
        assertThat(stage.process(clean)).isEqualTo(StageResult.CONTINUE);
        assertThat(clean.prependedHeaders()).isEmpty();
        assertThat(stage.process(mail(TestClamd.eicar())))
                .isEqualTo(new StageResult.Quarantine("virus found: " + TestClamd.SIGNATURE));
        assertThat(reported).hasSize(2);
    }

    @Test
    void quarantineFollowsTheTenantsNotificationPolicy() throws IOException {
        MailAddress security = MailAddress.parse("it-sicherheit@behoerde.example");
        VirusScanStage stage = stage(TestClamd.address(), new ScanPolicy(false, false, List.of(security)));
        assertThat(stage.process(mail(TestClamd.eicar()))).isEqualTo(
                new StageResult.Quarantine("virus found: " + TestClamd.SIGNATURE, false, List.of(security)));
    }

    @Test
    void scannerFailureDefersTheMailByDefault() throws IOException {
        VirusScanStage stage = stage("tcp:127.0.0.1:" + TestClamd.freePort(), ScanPolicy.DEFAULT);
        assertThat(stage.process(mail("Hallo"))).isInstanceOfSatisfying(StageResult.Defer.class,
                d -> assertThat(d.reason()).startsWith("virus scan failed: "));
        assertThat(reported).singleElement().isInstanceOf(ScanResult.Error.class);
    }

    @Test
    void scannerFailurePassesTheMailMarkedOnlyWithFailOpen() throws IOException {
        VirusScanStage stage = stage("tcp:127.0.0.1:" + TestClamd.freePort(), new ScanPolicy(true, true, List.of()));
        MailContext mail = mail("Hallo");
        assertThat(stage.process(mail)).isEqualTo(StageResult.CONTINUE);
        assertThat(mail.prependedHeaders()).as("marked for the recipient's side")
                .containsExactly("X-Poststelle-Virus-Scan: not scanned (scanner failed, fail-open)");
        assertThat(reported).singleElement().as("still reported as an error").isInstanceOf(ScanResult.Error.class);
    }
}
