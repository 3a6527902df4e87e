package de.poststelle.store;

import de.poststelle.core.NextHop;
import de.poststelle.core.TlsMode;
import de.poststelle.core.queue.DeliveryJob;
import de.poststelle.core.queue.ProcessingJob;
import de.poststelle.core.queue.ProcessingResult;
import de.poststelle.core.queue.RecipientState;
import de.poststelle.core.queue.RecipientUpdate;
import de.poststelle.core.tenant.Contact;
import de.poststelle.core.tenant.DomainKind;
import de.poststelle.core.tenant.GatewayCluster;
import de.poststelle.core.tenant.OperatorSettings;
import de.poststelle.core.tenant.SendDirection;
import de.poststelle.core.tenant.TenantDomain;
import de.poststelle.core.tenant.UnmappedPolicy;
import de.poststelle.store.tenant.ClusterRepository;
import de.poststelle.store.tenant.DomainRepository;
import de.poststelle.store.tenant.OperatorSettingsRepository;
import de.poststelle.store.tenant.QueuedMailClusters;
import de.poststelle.store.tenant.TenantRepository;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each node works only the mail of its gateway cluster: nord.example runs in cluster nord,
 * sued.example in cluster sued, and mail is placed by the recipient's domain (inbound) or the
 * sender's (outbound). Queued mail follows a domain that the operator moves.
 */
class JdbcClusterQueueTest extends QueueTestSupport {

    private JdbcMailQueue nord;
    private JdbcMailQueue nordOtherNode;
    private JdbcMailQueue sued;

    private void openClusters(TestDatabase database) throws Exception {
        open(database);
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        nord = new JdbcMailQueue(dataSource, clock, "nord");
        nordOtherNode = new JdbcMailQueue(dataSource, clock, "nord");
        sued = new JdbcMailQueue(dataSource, clock, "sued");
        ClusterRepository clusters = new ClusterRepository(dataSource);
        clusters.save(new GatewayCluster("nord", ""));
        clusters.save(new GatewayCluster("sued", ""));
        long tenant = new TenantRepository(dataSource, clock).create("Land", new Contact("", "", "")).id();
        DomainRepository domains = new DomainRepository(dataSource);
        domains.insert(domain("nord.example", tenant, "nord"));
        domains.insert(domain("sued.example", tenant, "sued"));
    }

    private static TenantDomain domain(String name, long tenant, String cluster) {
        return new TenantDomain(name, tenant, DomainKind.MAIL, Optional.of(cluster), SendDirection.SEND_AND_RECEIVE,
                Optional.of(NextHop.of("mx." + name, 25, TlsMode.NONE)), UnmappedPolicy.BOUNCE_ALL, Optional.empty(),
                List.of());
    }

    private String enqueue(JdbcMailQueue on, String sender, String recipient) throws Exception {
        return on.enqueue(envelope(sender, recipient),
                new ByteArrayInputStream("Subject: x\r\n\r\nx\r\n".getBytes(StandardCharsets.UTF_8)));
    }

    /** Runs the pipeline step for the mail {@code queueId} on a node of {@code on}: its recipients become due. */
    private static String route(JdbcMailQueue on, String queueId) {
        ProcessingJob job = on.claimForProcessing("pipeline-node", T0, LEASE, 10).stream()
                .filter(claimed -> claimed.queueId().equals(queueId)).findFirst().orElseThrow();
        on.completeProcessing(job, new ProcessingResult(List.of(), Optional.empty(), Map.of(), true), T0);
        return queueId;
    }

    private static List<String> claimedIds(JdbcMailQueue on) {
        return on.claimForProcessing("node-" + System.identityHashCode(on), T0, LEASE, 100).stream()
                .map(ProcessingJob::queueId).toList();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void inboundMailRunsInTheRecipientsClusterAndOutboundInTheSenders(TestDatabase database) throws Exception {
        openClusters(database);
        // Accepted by a node of nord: where it runs depends on the domains, not on the accepting node.
        String inboundSued = enqueue(nord, "someone@extern.example", "amt@sued.example");
        String outboundNord = enqueue(nord, "amt@nord.example", "someone@extern.example");
        String nordToSued = enqueue(nord, "amt@nord.example", "amt@sued.example");

        assertThat(claimedIds(sued)).containsExactlyInAnyOrder(inboundSued, nordToSued);
        assertThat(claimedIds(nord)).containsExactly(outboundNord);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void mailOfNoTenantDomainRunsInTheDefaultClusterElseInTheAcceptingNodes(TestDatabase database) throws Exception {
        openClusters(database);
        String beforeDefault = enqueue(sued, "", "someone@extern.example");
        OperatorSettingsRepository settings = new OperatorSettingsRepository(dataSource);
        settings.save(new OperatorSettings(Optional.empty(), new Contact("", "", ""), Optional.of("nord")));
        String afterDefault = enqueue(sued, "", "someone@extern.example");

        assertThat(claimedIds(sued)).containsExactly(beforeDefault);
        assertThat(claimedIds(nord)).containsExactly(afterDefault);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aNodeNeverDeliversOrBouncesAnotherClustersRecipients(TestDatabase database) throws Exception {
        openClusters(database);
        route(sued, enqueue(nord, "amt@sued.example", "a@extern.example"));

        assertThat(nord.claimDeliveries("nord-1", T0, LEASE, 10)).isEmpty();
        DeliveryJob delivery = sued.claimDeliveries("sued-1", T0, LEASE, 10).getFirst();
        sued.recordOutcomes(delivery, List.of(new RecipientUpdate(delivery.recipients().getFirst().id(),
                RecipientState.FAILED, Optional.empty(), "550 5.1.1 unknown", "mx", true)), T0);

        assertThat(nord.claimBounces("nord-1", T0, LEASE, 10)).isEmpty();
        assertThat(sued.claimBounces("sued-1", T0, LEASE, 10)).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void queuedMailFollowsItsDomainToTheNewCluster(TestDatabase database) throws Exception {
        openClusters(database);
        String routed = route(nord, enqueue(nord, "x@extern.example", "amt@nord.example"));
        String waiting = enqueue(nord, "x@extern.example", "amt@nord.example");

        int moved = new QueuedMailClusters(dataSource).followDomain("nord.example", "sued");

        assertThat(moved).isEqualTo(2);
        assertThat(claimedIds(nord)).isEmpty();
        assertThat(nord.claimDeliveries("nord-1", T0, LEASE, 10)).isEmpty();
        assertThat(claimedIds(sued)).containsExactly(waiting);
        assertThat(sued.claimDeliveries("sued-1", T0, LEASE, 10)).singleElement()
                .extracting(DeliveryJob::queueId).isEqualTo(routed);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void mailOfTheDefaultClusterFollowsANewDefaultButMailOfAssignedDomainsStays(TestDatabase database)
            throws Exception {
        openClusters(database);
        String noDomain = enqueue(nord, "", "someone@extern.example");
        String assigned = enqueue(nord, "amt@nord.example", "someone@extern.example");

        assertThat(new QueuedMailClusters(dataSource).followDefault("sued")).isEqualTo(1);

        assertThat(claimedIds(sued)).containsExactly(noDomain);
        assertThat(claimedIds(nord)).containsExactly(assigned);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void anotherNodeOfTheSameClusterTakesOverOnceTheLeaseRanOut(TestDatabase database) throws Exception {
        openClusters(database);
        String queueId = enqueue(nord, "amt@nord.example", "a@extern.example");
        assertThat(nord.claimForProcessing("nord-1", T0, LEASE, 10)).hasSize(1);

        assertThat(nordOtherNode.claimForProcessing("nord-2", T0.plus(LEASE), LEASE, 10)).isEmpty();
        assertThat(sued.claimForProcessing("sued-1", T0.plus(LEASE).plusSeconds(1), LEASE, 10)).isEmpty();
        assertThat(nordOtherNode.claimForProcessing("nord-2", T0.plus(LEASE).plusSeconds(1), LEASE, 10))
                .singleElement().extracting(ProcessingJob::queueId).isEqualTo(queueId);
    }
}
