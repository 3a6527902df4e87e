package de.poststelle.scan;

import de.poststelle.core.pipeline.MailContext;
import de.poststelle.core.pipeline.Stage;
import de.poststelle.core.pipeline.StageResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scans each mail for malware before anything else happens to it.
 * <ul>
 *   <li>clean: the mail goes on;</li>
 *   <li>infected: the mail is quarantined ({@link StageResult.Quarantine}), not delivered, and the
 *       sender gets a bounce naming the signature;</li>
 *   <li>scanner error or timeout: <b>fail closed</b>, the mail stays queued and is scanned again
 *       later ({@link StageResult.Defer}); it is never delivered unscanned. After the queue's maximum
 *       age it is bounced like any mail that cannot be processed.</li>
 * </ul>
 * Only with {@code failOpen} set explicitly does a mail that could not be scanned go on unscanned
 * (logged as a warning and reported to the listener as an error all the same). The switch is per
 * gateway for now; with the tenant model it becomes a per-tenant setting.
 */
public final class VirusScanStage implements Stage {

    private static final Logger log = LoggerFactory.getLogger(VirusScanStage.class);

    private final VirusScanner scanner;
    private final boolean failOpen;
    private final ScanListener listener;

    public VirusScanStage(VirusScanner scanner, boolean failOpen, ScanListener listener) {
        this.scanner = scanner;
        this.failOpen = failOpen;
        this.listener = listener;
    }

    @Override
    public StageResult process(MailContext mail) {
        ScanResult result = scanner.scan(mail.body());
        try {
            listener.scanned(mail.queueId(), result);
        } catch (RuntimeException e) {
            log.warn("queueId={} scan listener failed", mail.queueId(), e);
        }
        return switch (result) {
            case ScanResult.Clean ignored -> StageResult.CONTINUE;
            case ScanResult.Infected infected -> {
                log.warn("queueId={} virus found: {}", mail.queueId(), infected.signature());
                yield new StageResult.Quarantine("virus found: " + infected.signature());
            }
            case ScanResult.Error error when failOpen -> {
                log.warn("queueId={} NOT SCANNED, passed on because fail-open is set: {}", mail.queueId(),
                        error.reason());
                yield StageResult.CONTINUE;
            }
            case ScanResult.Error error -> {
                log.warn("queueId={} virus scan failed, mail stays queued: {}", mail.queueId(), error.reason());
                yield new StageResult.Defer("virus scan failed: " + error.reason());
            }
        };
    }
}
