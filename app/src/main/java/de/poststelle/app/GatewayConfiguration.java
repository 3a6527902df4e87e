package de.poststelle.app;

import de.poststelle.admin.access.AuditTrail;
import de.poststelle.app.domains.ConfiguredDomainImport;
import de.poststelle.app.domains.DatabaseDomainDirectory;
import de.poststelle.app.config.PoststelleProperties;
import de.poststelle.app.crypto.CryptoStages;
import de.poststelle.core.queue.SecureMailbox;
import de.poststelle.app.demail.DemailConnection;
import de.poststelle.app.demail.DemailProviderAnswers;
import de.poststelle.app.gateway.DsnBounceComposer;
import de.poststelle.app.gateway.TenantScanPolicies;
import de.poststelle.app.gateway.GatewayLifecycle;
import de.poststelle.app.gateway.MicrometerQueueEvents;
import de.poststelle.app.gateway.NodeHeartbeat;
import de.poststelle.app.gateway.QueueWorkers;
import de.poststelle.app.gateway.QueueingInboundHandler;
import de.poststelle.core.DomainRouter;
import de.poststelle.demail.DemailDispatchStage;
import de.poststelle.demail.DemailNoticeStage;
import de.poststelle.demail.OriginalRecipientStage;
import de.poststelle.demail.simulator.ProviderSimulator;
import de.poststelle.demail.simulator.SimulatorPki;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import de.poststelle.core.NextHop;
import de.poststelle.core.RelayPolicy;
import de.poststelle.core.keys.KeyDirectory;
import de.poststelle.core.policy.PolicyExplainer;
import de.poststelle.core.policy.PolicySource;
import de.poststelle.app.gateway.MicrometerScanListener;
import de.poststelle.core.pipeline.Pipeline;
import de.poststelle.core.pipeline.Stage;
import de.poststelle.scan.ClamdAddress;
import de.poststelle.scan.ClamdScanner;
import de.poststelle.scan.VirusScanStage;
import de.poststelle.verify.SignatureVerificationStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import de.poststelle.core.queue.BounceRunner;
import de.poststelle.core.queue.DeliveryRunner;
import de.poststelle.core.queue.DeliveryThrottle;
import de.poststelle.core.queue.MailQueue;
import de.poststelle.core.queue.PipelineRunner;
import de.poststelle.core.queue.QueueEvents;
import de.poststelle.core.queue.RecipientRateLimit;
import de.poststelle.core.queue.RetryPolicy;
import de.poststelle.core.stages.HopLimitStage;
import de.poststelle.core.stages.ReceivedHeaderStage;
import de.poststelle.smtp.delivery.DnsMxResolver;
import de.poststelle.smtp.delivery.SmtpDeliveryConfig;
import de.poststelle.smtp.delivery.SmtpMailTransport;
import de.poststelle.smtp.dsn.DsnBuilder;
import de.poststelle.smtp.dsn.QuarantineNoticeBuilder;
import de.poststelle.smtp.server.ServerTlsContexts;
import de.poststelle.smtp.server.SmtpServer;
import de.poststelle.smtp.server.SmtpServerConfig;
import de.poststelle.store.JdbcMailQueue;
import de.poststelle.store.tenant.DomainRepository;
import de.poststelle.store.tenant.MappingRepository;
import de.poststelle.store.tenant.NodeRepository;
import de.poststelle.store.tenant.DemailTraceRepository;
import de.poststelle.store.tenant.ScanPolicyRepository;
import de.poststelle.store.tenant.TenantRepository;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.transaction.support.TransactionTemplate;

import javax.net.ssl.SSLContext;
import javax.sql.DataSource;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Assembles the gateway: queue, pipeline, workers, SMTP in and out. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PoststelleProperties.class)
public class GatewayConfiguration {

    private static final Logger log = LoggerFactory.getLogger(GatewayConfiguration.class);

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * The served domains come from the database. Domains listed in the configuration are imported
     * first, so the first RCPT already finds them.
     */
    @Bean
    @DependsOnDatabaseInitialization
    DatabaseDomainDirectory domainDirectory(PoststelleProperties properties, TenantRepository tenants,
                                            DomainRepository domains, MappingRepository mappings, AuditTrail audit,
                                            TransactionTemplate transactions, Clock clock) {
        new ConfiguredDomainImport(tenants, domains, mappings, audit, transactions).importMissing(properties.getDomains());
        return new DatabaseDomainDirectory(domains, mappings, properties.getConfigRefresh(), clock);
    }

    /** Demo only: a simulated provider next to the gateway. */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty("poststelle.demail.simulator.enabled")
    ProviderSimulator demailSimulator(PoststelleProperties properties) throws Exception {
        SimulatorPki pki = SimulatorPki.createIn(properties.getDataDir().resolve("demail-simulator"), "changeit");
        ProviderSimulator simulator = ProviderSimulator.start(pki, properties.getDemail().getSimulator().getPort());
        log.warn("DEMO: a SIMULATED De-Mail provider (not a De-Mail provider) runs on 127.0.0.1:{}; "
                + "De-Mail domains {} go there", simulator.port(), properties.getDemail().getDomains());
        return simulator;
    }

    /** The simulator's notices go to our SMTP server once it listens. */
    @Bean
    @ConditionalOnProperty("poststelle.demail.simulator.enabled")
    ApplicationListener<ApplicationReadyEvent> demailSimulatorAnswersTheGateway(ProviderSimulator simulator,
                                                                              SmtpServer smtpServer) {
        return ready -> simulator.returnNoticesTo("127.0.0.1", smtpServer.port());
    }

    @Bean
    DemailConnection demailConnection(PoststelleProperties properties, ObjectProvider<ProviderSimulator> simulator)
            throws Exception {
        ProviderSimulator simulated = simulator.getIfAvailable();
        return simulated != null
                ? DemailConnection.toSimulator(simulated.pki(), simulated.port(), properties.getDemail().getDomains())
                : DemailConnection.from(properties.getDemail(), properties.getCluster());
    }

    /** Outbound routes (smarthosts) stay operator configuration; De-Mail domains always go to the provider. */
    @Bean
    DomainRouter router(DatabaseDomainDirectory domains, PoststelleProperties properties, DemailConnection demail) {
        Map<String, NextHop> routes = new HashMap<>();
        for (PoststelleProperties.RouteEntry route : properties.getRoutes()) {
            routes.put(route.getDomain().toLowerCase(Locale.ROOT), route.toNextHop());
        }
        routes.putAll(demail.routes());
        return new DomainRouter(domains, routes);
    }

    /** Depends on Flyway having migrated: Spring Boot orders DataSource users after the migration. */
    @Bean
    MailQueue mailQueue(DataSource dataSource, Clock clock, PoststelleProperties properties) {
        return new JdbcMailQueue(dataSource, clock, properties.getCluster());
    }

    @Bean
    QueueEvents queueEvents(MeterRegistry registry, MailQueue queue) {
        return new MicrometerQueueEvents(registry, queue);
    }

    @Bean
    QueueWorkers.Signals workSignals() {
        return QueueWorkers.Signals.create();
    }

    @Bean
    QueueWorkers.AdminRetries adminRetries(QueueWorkers.Signals signals) {
        return new QueueWorkers.AdminRetries(signals);
    }

    @Bean
    RetryPolicy retryPolicy(PoststelleProperties properties) {
        PoststelleProperties.Delivery delivery = properties.getDelivery();
        return new RetryPolicy(delivery.getRetryInitial(), delivery.getRetryMax(), delivery.getMaxAge());
    }

    /** Encryption uses the key store when there is one (a {@link KeyDirectory} bean). */
    @Bean
    CryptoStages cryptoStages(ObjectProvider<KeyDirectory> keys, DatabaseDomainDirectory domains, PolicySource policies,
                              ObjectProvider<SecureMailbox> messenger, Clock clock) {
        return CryptoStages.of(Optional.ofNullable(keys.getIfAvailable()), domains, policies,
                Optional.ofNullable(messenger.getIfAvailable()), clock);
    }

    /** What the admin's "policy explain" asks: the outbound stage's own decision. */
    @Bean
    PolicyExplainer policyExplainer(CryptoStages crypto) {
        return crypto.decisions();
    }

    /**
     * The stages every mail passes, in order; later features add theirs here. The virus scan sees
     * plaintext: incoming mail is decrypted before it, outgoing mail encrypted after it.
     */
    @Bean
    Pipeline pipeline(PoststelleProperties properties, MeterRegistry registry, CryptoStages crypto,
                      DatabaseDomainDirectory domains, ScanPolicyRepository scanPolicies,
                      ObjectProvider<SignatureVerificationStage> signatureVerification, DemailConnection demail,
                      DemailTraceRepository demailTrace) {
        List<Stage> stages = new ArrayList<>();
        crypto.inbound().ifPresent(stages::add);
        virusScanStage(properties.getScan(), properties.getSmtp(), registry,
                new TenantScanPolicies(domains, scanPolicies)).ifPresent(stages::add);
        signatureVerification.ifAvailable(stages::add);
        stages.add(new HopLimitStage(properties.getDelivery().getMaxHops()));
        if (demail.enabled()) {
            stages.add(new DemailDispatchStage(domains, demail::isDemailDomain,
                    properties.getDemail().dispatchRequest(), demailTrace));
            stages.add(new DemailNoticeStage(demailTrace));
        }
        stages.add(new OriginalRecipientStage());
        stages.add(new ReceivedHeaderStage(properties.getHostname()));
        stages.add(crypto.outbound());
        return new Pipeline(stages);
    }

    /** Scanning is on when a clamd address is configured, and then fails closed unless a tenant chose fail-open. */
    private static Optional<Stage> virusScanStage(PoststelleProperties.Scan scan, PoststelleProperties.Smtp smtp,
                                                  MeterRegistry registry, TenantScanPolicies policies) {
        if (scan.getClamd() == null || scan.getClamd().isBlank()) {
            log.warn("VIRUS SCANNING IS OFF: poststelle.scan.clamd is not set; mail is delivered unscanned");
            return Optional.empty();
        }
        ClamdScanner scanner = new ClamdScanner(ClamdAddress.parse(scan.getClamd()), scan.getConnectTimeout(),
                scan.getTimeout(), scan.getStreamMaxLength());
        if (scan.getStreamMaxLength() < smtp.getMaxMessageSize()) {
            log.warn("poststelle.scan.stream-max-length ({}) is below poststelle.smtp.max-message-size ({}): larger "
                    + "mail cannot be scanned and is held, then bounced", scan.getStreamMaxLength(), smtp.getMaxMessageSize());
        }
        if (!scanner.ping()) {
            log.warn("clamd at {} does not answer PING yet; mail waits in the queue until it does", scanner.address());
        }
        log.info("virus scanning with clamd at {}", scanner.address());
        return Optional.of(new VirusScanStage(scanner, policies, new MicrometerScanListener(registry)));
    }

    @Bean(destroyMethod = "close")
    SmtpMailTransport smtpMailTransport(PoststelleProperties properties) {
        PoststelleProperties.Delivery delivery = properties.getDelivery();
        SmtpDeliveryConfig defaults = SmtpDeliveryConfig.defaults(properties.getHostname());
        SmtpDeliveryConfig config = new SmtpDeliveryConfig(properties.getHostname(), delivery.getConnectTimeout(),
                delivery.getReadTimeout(), delivery.getMaxConnectionsPerDestination(), defaults.idleTimeout(),
                defaults.maxMessagesPerConnection(), delivery.getMaxRecipientsPerTransaction(), defaults.mxPort());
        return new SmtpMailTransport(config, new DnsMxResolver());
    }

    @Bean
    QueueingInboundHandler inboundHandler(DatabaseDomainDirectory domains, PoststelleProperties properties,
                                          MailQueue queue, QueueEvents events, QueueWorkers.Signals signals,
                                          DemailConnection demail) {
        return new QueueingInboundHandler(new RelayPolicy(domains, demail.provider()), domains,
                properties.getCluster(), queue, events, signals.pipeline());
    }

    @Bean
    QueueWorkers queueWorkers(PoststelleProperties properties, MailQueue queue, Pipeline pipeline,
                              RetryPolicy retry, DomainRouter router, SmtpMailTransport transport,
                              QueueEvents events, QueueWorkers.Signals signals, Clock clock,
                              DemailConnection demail, DemailTraceRepository demailTrace) {
        PoststelleProperties.Delivery delivery = properties.getDelivery();
        return new QueueWorkers(queue,
                new QueueWorkers.Settings(nodeId(properties), delivery.getPipelineConcurrency(), delivery.getConcurrency(),
                        delivery.getLease(),
                        delivery.getPollInterval(), delivery.getRetention()),
                signals, clock,
                new PipelineRunner(queue, pipeline, retry, clock, signals.delivery(),
                        new QuarantineNoticeBuilder(properties.getHostname()), properties.getHostname()),
                new DeliveryRunner(queue, router, transport, retry, clock, events, signals.bounce(),
                        new DemailProviderAnswers(demail::isDemailDomain, demailTrace),
                        demailThrottle(properties.getDemail(), demail, clock)),
                new BounceRunner(queue, new DsnBounceComposer(new DsnBuilder(properties.getHostname(), clock)),
                        properties.getHostname(), clock, events, signals.pipeline()));
    }

    /** Mass sending: recipients to the provider at {@code poststelle.demail.max-per-second} per node at most. */
    private static DeliveryThrottle demailThrottle(PoststelleProperties.Demail settings, DemailConnection demail,
                                                   Clock clock) {
        return settings.getMaxPerSecond() == null ? DeliveryThrottle.NONE
                : new RecipientRateLimit(demail::isDemailDomain, settings.getMaxPerSecond(), clock);
    }

    private static String nodeId(PoststelleProperties properties) {
        return properties.getNodeId() != null ? properties.getNodeId() : properties.getHostname();
    }

    @Bean(destroyMethod = "close")
    NodeHeartbeat nodeHeartbeat(NodeRepository nodes, PoststelleProperties properties, Clock clock) {
        return new NodeHeartbeat(nodes, nodeId(properties), properties.getCluster(), clock);
    }

    @Bean
    SmtpServer smtpServer(PoststelleProperties properties, QueueingInboundHandler handler, DemailConnection demail)
            throws Exception {
        PoststelleProperties.Smtp smtp = properties.getSmtp();
        SmtpServerConfig config = SmtpServerConfig.builder(properties.getHostname())
                .bindAddress(InetAddress.getByName(smtp.getBind()))
                .port(smtp.getPort())
                .maxMessageSize(smtp.getMaxMessageSize())
                .maxRecipients(smtp.getMaxRecipients())
                .maxSessions(smtp.getMaxSessions())
                .maxSessionsPerClient(smtp.getMaxSessionsPerIp())
                .commandTimeout(smtp.getIdleTimeout())
                .dataTimeout(smtp.getDataTimeout())
                .sslContext(serverTls(properties))
                // The De-Mail provider identifies itself by its client certificate.
                .requestClientCertificates(demail.enabled())
                .build();
        return new SmtpServer(config, handler);
    }

    /** PEM files, a PKCS#12 key store, or a self-signed one generated under the data dir on first start. */
    private static SSLContext serverTls(PoststelleProperties properties) throws Exception {
        PoststelleProperties.Smtp smtp = properties.getSmtp();
        char[] password = smtp.getTlsKeystorePassword().toCharArray();
        if (smtp.getTlsCertificate() != null) {
            return ServerTlsContexts.fromPem(smtp.getTlsCertificate(), smtp.getTlsPrivateKey());
        }
        if (smtp.getTlsKeystore() != null) {
            return ServerTlsContexts.fromPkcs12(smtp.getTlsKeystore(), password);
        }
        Path generated = properties.getDataDir().resolve("tls").resolve("smtp-selfsigned.p12");
        return ServerTlsContexts.selfSigned(generated, password, properties.getHostname());
    }

    @Bean
    GatewayLifecycle gatewayLifecycle(SmtpServer smtpServer, QueueWorkers workers, PoststelleProperties properties) {
        return new GatewayLifecycle(smtpServer, workers, properties.getSmtp().getShutdownGrace());
    }
}
