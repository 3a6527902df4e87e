package de.poststelle.verify;

import eu.europa.esig.dss.model.tsl.InfoRecord;
import eu.europa.esig.dss.model.tsl.TLInfo;
import eu.europa.esig.dss.model.tsl.ValidationInfoRecord;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.service.http.commons.FileCacheDataLoader;
import eu.europa.esig.dss.spi.client.http.DataLoader;
import eu.europa.esig.dss.spi.client.http.IgnoreDataLoader;
import eu.europa.esig.dss.spi.tsl.TrustedListsCertificateSource;
import eu.europa.esig.dss.spi.x509.CertificateSource;
import eu.europa.esig.dss.spi.x509.CommonCertificateSource;
import eu.europa.esig.dss.tsl.job.TLValidationJob;
import eu.europa.esig.dss.tsl.source.TLSource;
import eu.europa.esig.dss.tsl.sync.ExpirationAndSignatureCheckStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The trusted lists (ETSI TS 119 612) the gateway is configured with, loaded by DSS's TLValidationJob.
 * The certificates of their trust services become trust anchors, and with them DSS can tell a
 * qualified signature from others. Every download is kept on disk, so after a restart the lists
 * work before (or without) the network. A list that cannot be loaded, has expired or whose
 * signature does not verify with the certificates configured for it is not used; {@link #ignored()}
 * says which and why, for the log and the report.
 */
public final class TrustedLists implements AutoCloseable {

    /** A list's address and the certificates that may sign it. */
    public record Source(String url, List<X509Certificate> signingCertificates) {
    }

    /** Why a list is not used. */
    public enum Problem { NOT_LOADED, SIGNATURE_INVALID, EXPIRED }

    /** A list that is not used, with the technical detail behind the problem. */
    public record Ignored(String url, Problem problem, String detail) {
    }

    private static final Logger log = LoggerFactory.getLogger(TrustedLists.class);

    private final TrustedListsCertificateSource certificates = new TrustedListsCertificateSource();
    private final TLValidationJob job = new TLValidationJob();
    private final boolean configured;
    private final Clock clock;
    private final ExecutorService downloads = Executors.newFixedThreadPool(2, daemon("poststelle-trusted-list-download"));
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(
            daemon("poststelle-trusted-list-refresh"));

    /**
     * Loads the lists kept in {@code cache} from an earlier run at once, without the network.
     *
     * @param http      loads the lists (with the gateway's timeouts)
     * @param cache     directory the downloaded lists are kept in
     */
    public TrustedLists(List<Source> sources, DataLoader http, Path cache, Clock clock) {
        this.clock = clock;
        this.configured = !sources.isEmpty();
        job.setTrustedListSources(sources.stream().map(TrustedLists::tlSource).toArray(TLSource[]::new));
        job.setOnlineDataLoader(fileCache(cache, 0, http));
        job.setOfflineDataLoader(fileCache(cache, -1, new IgnoreDataLoader()));
        job.setTrustedListCertificateSource(certificates);
        job.setSynchronizationStrategy(new ExpirationAndSignatureCheckStrategy());
        job.setExecutorService(downloads);
        if (configured) { // DSS refuses to run a job without lists
            job.offlineRefresh();
            // No warnings yet: on a first start nothing is on disk, and the download follows in start().
            log.info("trusted lists kept on disk: {} trust service certificates", certificates.getNumberOfCertificates());
        }
    }

    /** The trust services' certificates of every list in use; none if no list is configured. */
    public CertificateSource[] certificateSources() {
        return configured ? new CertificateSource[] {certificates} : new CertificateSource[0];
    }

    /** Refreshes the lists from the network now and every {@code interval}, in the background. */
    public void start(Duration interval) {
        if (!configured) {
            return;
        }
        schedule.scheduleWithFixedDelay(this::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Downloads every list again; a list that fails keeps its last good version if that has not expired. */
    public void refresh() {
        try {
            job.onlineRefresh();
            logIgnored();
        } catch (RuntimeException e) {
            log.warn("refreshing the trusted lists failed, the last loaded versions stay in use", e);
        }
    }

    public List<Ignored> ignored() {
        List<Ignored> ignored = new ArrayList<>();
        if (!configured) {
            return ignored;
        }
        for (TLInfo list : job.getSummary().getOtherTLInfos()) {
            problem(list).ifPresent(ignored::add);
        }
        return ignored;
    }

    private Optional<Ignored> problem(TLInfo list) {
        ValidationInfoRecord validation = list.getValidationCacheInfo();
        if (!validation.isResultExist()) {
            String detail = firstError(list.getDownloadCacheInfo(), list.getParsingCacheInfo(), validation)
                    .orElse("-");
            return Optional.of(new Ignored(list.getUrl(), Problem.NOT_LOADED, detail));
        }
        if (!validation.isValid()) {
            return Optional.of(new Ignored(list.getUrl(), Problem.SIGNATURE_INVALID,
                    validation.getIndication() + " / " + validation.getSubIndication()));
        }
        Date nextUpdate = list.getParsingCacheInfo().getNextUpdateDate();
        if (nextUpdate != null && nextUpdate.toInstant().isBefore(clock.instant())) {
            return Optional.of(new Ignored(list.getUrl(), Problem.EXPIRED, nextUpdate.toInstant().toString()));
        }
        return Optional.empty();
    }

    private static Optional<String> firstError(InfoRecord... records) {
        for (InfoRecord record : records) {
            if (record.isError()) {
                return Optional.ofNullable(record.getExceptionMessage());
            }
        }
        return Optional.empty();
    }

    private void logIgnored() {
        ignored().forEach(list -> log.warn("trusted list {} is not used: {} ({})", list.url(), list.problem(), list.detail()));
        log.info("trusted lists: {} trust service certificates in use", certificates.getNumberOfCertificates());
    }

    @Override
    public void close() {
        schedule.shutdownNow();
        downloads.shutdownNow();
    }

    private static TLSource tlSource(Source source) {
        TLSource tl = new TLSource();
        tl.setUrl(source.url());
        CommonCertificateSource signers = new CommonCertificateSource();
        source.signingCertificates().forEach(certificate -> signers.addCertificate(new CertificateToken(certificate)));
        tl.setCertificateSource(signers);
        return tl;
    }

    private static FileCacheDataLoader fileCache(Path directory, long expiration, DataLoader loader) {
        FileCacheDataLoader cache = new FileCacheDataLoader(loader);
        cache.setFileCacheDirectory(directory.toFile());
        cache.setCacheExpirationTime(expiration);
        return cache;
    }

    private static ThreadFactory daemon(String name) {
        return Thread.ofPlatform().name(name).daemon().factory();
    }
}
