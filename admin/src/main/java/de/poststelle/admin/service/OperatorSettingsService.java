package de.poststelle.admin.service;

import de.poststelle.admin.access.AccessControl;
import de.poststelle.admin.access.Actor;
import de.poststelle.admin.access.AuditTrail;
import de.poststelle.core.tenant.OperatorSettings;
import de.poststelle.store.tenant.ClusterRepository;
import de.poststelle.store.tenant.OperatorSettingsRepository;
import de.poststelle.store.tenant.QueuedMailClusters;
import org.springframework.transaction.annotation.Transactional;

/** The gateway-wide settings: every admin reads them (support contact, terms), only an operator changes them. */
@Transactional
public class OperatorSettingsService {

    private final OperatorSettingsRepository settings;
    private final ClusterRepository clusters;
    private final QueuedMailClusters queuedMail;
    private final AccessControl access;
    private final AuditTrail audit;

    public OperatorSettingsService(OperatorSettingsRepository settings, ClusterRepository clusters,
                                   QueuedMailClusters queuedMail, AccessControl access, AuditTrail audit) {
        this.settings = settings;
        this.clusters = clusters;
        this.queuedMail = queuedMail;
        this.access = access;
        this.audit = audit;
    }

    /** Holds nothing of any tenant, so every logged-in admin may read it. */
    @Transactional(readOnly = true)
    public OperatorSettings get(Actor actor) {
        return settings.load();
    }

    public OperatorSettings update(Actor actor, OperatorSettings after) {
        access.requireOperator(actor);
        after.defaultCluster().ifPresent(cluster -> {
            if (clusters.find(cluster).isEmpty()) {
                throw new IllegalArgumentException("no gateway cluster named " + cluster);
            }
        });
        OperatorSettings before = settings.load();
        settings.save(after);
        // Queued mail of the default cluster follows a new default in this transaction (docs/cluster.md).
        String moved = after.defaultCluster().filter(cluster -> !after.defaultCluster().equals(before.defaultCluster()))
                .map(cluster -> "; queued mails moved to cluster " + cluster + ": " + queuedMail.followDefault(cluster))
                .orElse("");
        audit.record(actor, "settings.update", "operator-settings", "before: " + describe(before)
                + "; after: " + describe(after) + moved);
        return after;
    }

    private static String describe(OperatorSettings settings) {
        return "terms version " + settings.currentTermsVersion().orElse("-") + ", support " + settings.supportContact()
                + ", default cluster " + settings.defaultCluster().orElse("-");
    }
}
