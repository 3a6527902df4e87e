package de.poststelle.scan;

import de.poststelle.core.pipeline.MailContext;
import de.poststelle.core.pipeline.Stage;
import de.poststelle.core.pipeline.StageResult;
import de.poststelle.core.tenant.ScanPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scans each mail for malware before anything else happens to it.
 * <ul>
 *   <li>clean: the mail goes on;</li>
 *   <li>infected: the mail is quarantined ({@link StageResult.Quarantine}), not delivered; the
 *       sender gets a bounce naming the signature and the tenants' alert recipients a notice, as the
 *       tenants' {@link ScanPolicy} says;</li>
 *   <li>scanner error or timeout: <b>fail closed</b>, the mail stays queued and is scanned again
 *       later ({@link StageResult.Defer}); it is never delivered unscanned. After the queue's maximum
 *       age it is bounced like any mail that cannot be processed.</li>
 * </ul>
 * Only when every tenant the mail concerns has fail-open set explicitly does a mail that could not be
 * scanned go on unscanned (logged as a warning, reported to the listener as an error all the same,
 * and marked with {@value #NOT_SCANNED_HEADER} so the recipient's side can tell).
 */
public final class VirusScanStage implements Stage {

    private static final Logger log = LoggerFactory.getLogger(VirusScanStage.class);

    public static final String NOT_SCANNED_HEADER = "X-Poststelle-Virus-Scan";

    private final VirusScanner scanner;
    private final ScanPolicyLookup policies;
    private final ScanListener listener;

    public VirusScanStage(VirusScanner scanner, ScanPolicyLookup policies, ScanListener listener) {
        this.scanner = scanner;
        this.policies = policies;
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
                ScanPolicy policy = policies.policyFor(mail.envelope());
                yield new StageResult.Quarantine("virus found: " + infected.signature(), policy.notifySender(),
                        policy.alertRecipients());
            }
            case ScanResult.Error error when policies.policyFor(mail.envelope()).failOpen() -> {
                log.warn("queueId={} NOT SCANNED, passed on because fail-open is set: {}", mail.queueId(),
                        error.reason());
                mail.prependHeader(NOT_SCANNED_HEADER, "not scanned (scanner failed, fail-open)");
                yield StageResult.CONTINUE;
            }
            case ScanResult.Error error -> {
                log.warn("queueId={} virus scan failed, mail stays queued: {}", mail.queueId(), error.reason());
                yield new StageResult.Defer("virus scan failed: " + error.reason());
            }
        };
    }
}
