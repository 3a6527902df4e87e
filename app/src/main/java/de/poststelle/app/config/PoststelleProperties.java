package de.poststelle.app.config;

import de.poststelle.core.ClientCertificate;
import de.poststelle.core.NextHop;
import de.poststelle.core.TlsMode;
import de.poststelle.core.tenant.DomainKind;
import de.poststelle.demail.DispatchOption;
import de.poststelle.demail.DispatchRequest;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything an operator configures under {@code poststelle.*}; the README's configuration
 * reference lists these keys with their defaults.
 */
@ConfigurationProperties("poststelle")
@Validated
public class PoststelleProperties {

    /** Where the embedded database, generated TLS key and logs live; absolute, or relative starting with {@code ./}. */
    private Path dataDir = Path.of("./data");
    /** Our host name in the SMTP greeting, Received headers and bounces. */
    @NotBlank
    private String hostname = "poststelle.localhost";
    /**
     * Identifies this node in queue leases; must stay the same across restarts and differ between
     * nodes sharing one database. Defaults to {@code hostname}.
     */
    private String nodeId;
    /** The gateway cluster this node belongs to; created on first start if the operator has not yet. */
    @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}")
    private String cluster = "default";
    @Valid
    private Smtp smtp = new Smtp();
    @Valid
    private Delivery delivery = new Delivery();
    @Valid
    private Scan scan = new Scan();
    /**
     * How long a node reads served domains and mappings from its cache before it asks the database
     * again; changes made on this node take effect at once, other nodes' changes after this.
     */
    private Duration configRefresh = Duration.ofSeconds(10);
    /** Imported into the database at start if not there yet (a first start from a file); the database wins. */
    private List<@Valid Domain> domains = new ArrayList<>();
    private List<@Valid RouteEntry> routes = new ArrayList<>();
    @Valid
    private Demail demail = new Demail();

    public static class Smtp {
        private String bind = "0.0.0.0";
        @Min(0)
        private int port = 2525;
        @Min(1024)
        private long maxMessageSize = 64L * 1024 * 1024;
        @Min(1)
        private int maxRecipients = 1000;
        @Min(1)
        private int maxSessions = 500;
        @Min(1)
        private int maxSessionsPerIp = 50;
        /** How long a whole command line may take to arrive, and the longest pause within DATA. */
        private Duration idleTimeout = Duration.ofMinutes(5);
        /** How long the whole DATA phase of one message may take. */
        private Duration dataTimeout = Duration.ofMinutes(10);
        /** PKCS#12 key store for STARTTLS; generated self-signed under the data dir when absent. */
        private Path tlsKeystore;
        private String tlsKeystorePassword = "changeit";
        /** Alternatively PEM files: certificate chain and unencrypted private key. */
        private Path tlsCertificate;
        private Path tlsPrivateKey;
        /** How long shutdown waits for SMTP sessions in progress. */
        private Duration shutdownGrace = Duration.ofSeconds(30);

        public String getBind() { return bind; }
        public void setBind(String bind) { this.bind = bind; }
        public int getPort() { return port; }
        public void setPort(int port) { this.port = port; }
        public long getMaxMessageSize() { return maxMessageSize; }
        public void setMaxMessageSize(long maxMessageSize) { this.maxMessageSize = maxMessageSize; }
        public int getMaxRecipients() { return maxRecipients; }
        public void setMaxRecipients(int maxRecipients) { this.maxRecipients = maxRecipients; }
        public int getMaxSessions() { return maxSessions; }
        public void setMaxSessions(int maxSessions) { this.maxSessions = maxSessions; }
        public int getMaxSessionsPerIp() { return maxSessionsPerIp; }
        public void setMaxSessionsPerIp(int maxSessionsPerIp) { this.maxSessionsPerIp = maxSessionsPerIp; }
        public Duration getIdleTimeout() { return idleTimeout; }
        public void setIdleTimeout(Duration idleTimeout) { this.idleTimeout = idleTimeout; }
        public Duration getDataTimeout() { return dataTimeout; }
        public void setDataTimeout(Duration dataTimeout) { this.dataTimeout = dataTimeout; }
        public Path getTlsKeystore() { return tlsKeystore; }
        public void setTlsKeystore(Path tlsKeystore) { this.tlsKeystore = tlsKeystore; }
        public String getTlsKeystorePassword() { return tlsKeystorePassword; }
        public void setTlsKeystorePassword(String tlsKeystorePassword) { this.tlsKeystorePassword = tlsKeystorePassword; }
        public Path getTlsCertificate() { return tlsCertificate; }
        public void setTlsCertificate(Path tlsCertificate) { this.tlsCertificate = tlsCertificate; }
        public Path getTlsPrivateKey() { return tlsPrivateKey; }
        public void setTlsPrivateKey(Path tlsPrivateKey) { this.tlsPrivateKey = tlsPrivateKey; }
        public Duration getShutdownGrace() { return shutdownGrace; }
        public void setShutdownGrace(Duration shutdownGrace) { this.shutdownGrace = shutdownGrace; }
    }

    public static class Delivery {
        @Min(1)
        private int concurrency = 64;
        /** Mails taken through the pipeline at once; its stages mostly wait for the database. */
        @Min(1)
        private int pipelineConcurrency = 16;
        @Min(1)
        private int maxConnectionsPerDestination = 10;
        @Min(1)
        private int maxRecipientsPerTransaction = 100;
        private Duration retryInitial = Duration.ofMinutes(1);
        private Duration retryMax = Duration.ofHours(1);
        /** After this long in the queue, a mail that still cannot be delivered is bounced. */
        private Duration maxAge = Duration.ofDays(5);
        private Duration connectTimeout = Duration.ofSeconds(30);
        private Duration readTimeout = Duration.ofMinutes(5);
        /** Work claimed by a node that stops answering is taken over after this long. */
        private Duration lease = Duration.ofMinutes(10);
        /** How often idle nodes look for work stored by other nodes. */
        private Duration pollInterval = Duration.ofSeconds(1);
        /** How long finished mail stays listed before it is purged. */
        private Duration retention = Duration.ofDays(7);
        @Min(2)
        private int maxHops = 50;

        public int getConcurrency() { return concurrency; }
        public void setConcurrency(int concurrency) { this.concurrency = concurrency; }
        public int getPipelineConcurrency() { return pipelineConcurrency; }
        public void setPipelineConcurrency(int pipelineConcurrency) { this.pipelineConcurrency = pipelineConcurrency; }
        public int getMaxConnectionsPerDestination() { return maxConnectionsPerDestination; }
        public void setMaxConnectionsPerDestination(int v) { this.maxConnectionsPerDestination = v; }
        public int getMaxRecipientsPerTransaction() { return maxRecipientsPerTransaction; }
        public void setMaxRecipientsPerTransaction(int v) { this.maxRecipientsPerTransaction = v; }
        public Duration getRetryInitial() { return retryInitial; }
        public void setRetryInitial(Duration retryInitial) { this.retryInitial = retryInitial; }
        public Duration getRetryMax() { return retryMax; }
        public void setRetryMax(Duration retryMax) { this.retryMax = retryMax; }
        public Duration getMaxAge() { return maxAge; }
        public void setMaxAge(Duration maxAge) { this.maxAge = maxAge; }
        public Duration getConnectTimeout() { return connectTimeout; }
        public void setConnectTimeout(Duration connectTimeout) { this.connectTimeout = connectTimeout; }
        public Duration getReadTimeout() { return readTimeout; }
        public void setReadTimeout(Duration readTimeout) { this.readTimeout = readTimeout; }
        public Duration getLease() { return lease; }
        public void setLease(Duration lease) { this.lease = lease; }
        public Duration getPollInterval() { return pollInterval; }
        public void setPollInterval(Duration pollInterval) { this.pollInterval = pollInterval; }
        public Duration getRetention() { return retention; }
        public void setRetention(Duration retention) { this.retention = retention; }
        public int getMaxHops() { return maxHops; }
        public void setMaxHops(int maxHops) { this.maxHops = maxHops; }
    }

    /** Virus scanning with ClamAV's clamd; off (with a warning at start) while {@code clamd} is unset. */
    public static class Scan {
        /** {@code tcp:host:port} or {@code unix:/path/to/clamd.ctl}; unset means no scanning. */
        private String clamd;
        private Duration connectTimeout = Duration.ofSeconds(5);
        /** For sending the whole message and waiting for the verdict. */
        private Duration timeout = Duration.ofMinutes(2);
        /** clamd's StreamMaxLength in octets; must be at least {@code poststelle.smtp.max-message-size}. */
        @Min(1)
        private long streamMaxLength = 100L * 1024 * 1024;

        public String getClamd() { return clamd; }
        public void setClamd(String clamd) { this.clamd = clamd; }
        public Duration getConnectTimeout() { return connectTimeout; }
        public void setConnectTimeout(Duration connectTimeout) { this.connectTimeout = connectTimeout; }
        public Duration getTimeout() { return timeout; }
        public void setTimeout(Duration timeout) { this.timeout = timeout; }
        public long getStreamMaxLength() { return streamMaxLength; }
        public void setStreamMaxLength(long streamMaxLength) { this.streamMaxLength = streamMaxLength; }
    }

    /** An SMTP server we connect to. */
    public static class Hop {
        @NotBlank
        private String host;
        @Min(1)
        private int port = 25;
        private TlsMode tls = TlsMode.OPPORTUNISTIC;
        /** Optional PKCS#12 file with the client certificate to present. */
        private Path clientCertificate;
        private String clientCertificatePassword;

        public String getHost() { return host; }
        public void setHost(String host) { this.host = host; }
        public int getPort() { return port; }
        public void setPort(int port) { this.port = port; }
        public TlsMode getTls() { return tls; }
        public void setTls(TlsMode tls) { this.tls = tls; }
        public Path getClientCertificate() { return clientCertificate; }
        public void setClientCertificate(Path clientCertificate) { this.clientCertificate = clientCertificate; }
        public String getClientCertificatePassword() { return clientCertificatePassword; }
        public void setClientCertificatePassword(String v) { this.clientCertificatePassword = v; }

        public NextHop toNextHop() {
            Optional<ClientCertificate> certificate = Optional.ofNullable(clientCertificate)
                    .map(file -> new ClientCertificate(file, clientCertificatePassword));
            return new NextHop(host, port, tls, certificate);
        }
    }

    /**
     * The connection to the De-Mail provider (DMDA). Off while {@code keystore} is unset: then
     * De-Mail domains receive nothing and no mail goes to De-Mail addresses.
     */
    public static class Demail {
        /** PKCS#12 key store with the operator's client certificate (the IT service provider account). */
        private Path keystore;
        private String keystorePassword;
        /** PKCS#12 trust store with the provider's certificate or CA, and nothing else. */
        private Path truststore;
        private String truststorePassword;
        /** Recipient domains (with their subdomains) that are De-Mail and go to the provider. */
        private List<String> domains = new ArrayList<>(List.of("de-mail.de"));
        /** The provider's SMTP endpoint for each gateway cluster, by cluster name. */
        private Map<String, @Valid Endpoint> endpoints = new HashMap<>();
        /** Subject tag (in brackets) for each dispatch option; defaults to the option's German name. */
        private Map<DispatchOption, String> subjectTags = new EnumMap<>(DispatchOption.class);
        /** Header a sending application lists dispatch options in (comma-separated tags). */
        private String optionHeader = DispatchRequest.DEFAULT_REQUEST_HEADER;
        /** Recipients per second this node hands to the provider at most (mass sending); unset: no limit. */
        @Positive
        private Double maxPerSecond;
        @Valid
        private Simulator simulator = new Simulator();

        public Path getKeystore() { return keystore; }
        public void setKeystore(Path keystore) { this.keystore = keystore; }
        public String getKeystorePassword() { return keystorePassword; }
        public void setKeystorePassword(String keystorePassword) { this.keystorePassword = keystorePassword; }
        public Path getTruststore() { return truststore; }
        public void setTruststore(Path truststore) { this.truststore = truststore; }
        public String getTruststorePassword() { return truststorePassword; }
        public void setTruststorePassword(String truststorePassword) { this.truststorePassword = truststorePassword; }
        public List<String> getDomains() { return domains; }
        public void setDomains(List<String> domains) { this.domains = domains; }
        public Map<String, Endpoint> getEndpoints() { return endpoints; }
        public void setEndpoints(Map<String, Endpoint> endpoints) { this.endpoints = endpoints; }
        public Map<DispatchOption, String> getSubjectTags() { return subjectTags; }
        public void setSubjectTags(Map<DispatchOption, String> subjectTags) { this.subjectTags = subjectTags; }
        public String getOptionHeader() { return optionHeader; }
        public void setOptionHeader(String optionHeader) { this.optionHeader = optionHeader; }
        public Double getMaxPerSecond() { return maxPerSecond; }
        public void setMaxPerSecond(Double maxPerSecond) { this.maxPerSecond = maxPerSecond; }
        public Simulator getSimulator() { return simulator; }
        public void setSimulator(Simulator simulator) { this.simulator = simulator; }

        public DispatchRequest dispatchRequest() {
            Map<DispatchOption, String> tags = new EnumMap<>(DispatchOption.class);
            for (DispatchOption option : DispatchOption.values()) {
                tags.put(option, subjectTags.getOrDefault(option, option.germanName()));
            }
            return new DispatchRequest(tags, optionHeader);
        }
    }

    /**
     * FOR DEMOS ONLY: runs a SIMULATED De-Mail provider (not a real one) on loopback next to the
     * gateway and connects the gateway to it with throwaway certificates under the data dir. Takes
     * the place of keystore, truststore and endpoints.
     */
    public static class Simulator {
        private boolean enabled;
        @Min(0)
        private int port = 2527;

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
        public int getPort() { return port; }
        public void setPort(int port) { this.port = port; }
    }

    /** Where a gateway cluster reaches the De-Mail provider; always with STARTTLS required. */
    public static class Endpoint {
        @NotBlank
        private String host;
        @Min(1)
        private int port = 25;

        public String getHost() { return host; }
        public void setHost(String host) { this.host = host; }
        public int getPort() { return port; }
        public void setPort(int port) { this.port = port; }
    }

    /** A domain served for a tenant, as imported at a first start. */
    public static class Domain {
        @NotBlank
        private String name;
        @NotBlank
        private String tenant;
        @Valid
        private Hop receivingServer;
        /** IP addresses or CIDR ranges of the tenant's servers that may send out through us. */
        private List<String> allowedSenders = new ArrayList<>();
        /** MAIL, or DEMAIL for a De-Mail domain (which needs no receiving server of its own). */
        private DomainKind kind = DomainKind.MAIL;
        /** For a De-Mail domain: the mailbox unmapped addresses go to (CatchAll); unset means BounceAll. */
        private String catchAll;
        /** For a De-Mail domain: its addresses and the internal mailboxes they stand for. */
        private List<@Valid Mapping> mappings = new ArrayList<>();

        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public String getTenant() { return tenant; }
        public void setTenant(String tenant) { this.tenant = tenant; }
        public Hop getReceivingServer() { return receivingServer; }
        public void setReceivingServer(Hop receivingServer) { this.receivingServer = receivingServer; }
        public List<String> getAllowedSenders() { return allowedSenders; }
        public void setAllowedSenders(List<String> allowedSenders) { this.allowedSenders = allowedSenders; }
        public DomainKind getKind() { return kind; }
        public void setKind(DomainKind kind) { this.kind = kind; }
        public String getCatchAll() { return catchAll; }
        public void setCatchAll(String catchAll) { this.catchAll = catchAll; }
        public List<Mapping> getMappings() { return mappings; }
        public void setMappings(List<Mapping> mappings) { this.mappings = mappings; }
    }

    /** An internal e-mail address and the De-Mail address it stands for. */
    public static class Mapping {
        @NotBlank
        private String email;
        @NotBlank
        private String demail;

        public String getEmail() { return email; }
        public void setEmail(String email) { this.email = email; }
        public String getDemail() { return demail; }
        public void setDemail(String demail) { this.demail = demail; }
    }

    /** A fixed next hop for outgoing mail to a domain ({@code *} for all other domains), instead of MX. */
    public static class RouteEntry extends Hop {
        @NotBlank
        private String domain;

        public String getDomain() { return domain; }
        public void setDomain(String domain) { this.domain = domain; }
    }

    public Path getDataDir() { return dataDir; }
    public void setDataDir(Path dataDir) { this.dataDir = dataDir; }
    public String getHostname() { return hostname; }
    public void setHostname(String hostname) { this.hostname = hostname; }
    public String getCluster() { return cluster; }
    public void setCluster(String cluster) { this.cluster = cluster; }
    public String getNodeId() { return nodeId; }
    public void setNodeId(String nodeId) { this.nodeId = nodeId; }
    public Duration getConfigRefresh() { return configRefresh; }
    public void setConfigRefresh(Duration configRefresh) { this.configRefresh = configRefresh; }
    public Smtp getSmtp() { return smtp; }
    public void setSmtp(Smtp smtp) { this.smtp = smtp; }
    public Scan getScan() { return scan; }
    public void setScan(Scan scan) { this.scan = scan; }
    public Delivery getDelivery() { return delivery; }
    public void setDelivery(Delivery delivery) { this.delivery = delivery; }
    public List<Domain> getDomains() { return domains; }
    public void setDomains(List<Domain> domains) { this.domains = domains; }
    public List<RouteEntry> getRoutes() { return routes; }
    public Demail getDemail() { return demail; }
    public void setDemail(Demail demail) { this.demail = demail; }
    public void setRoutes(List<RouteEntry> routes) { this.routes = routes; }
}
