package de.poststelle.admin.service;

import de.poststelle.admin.access.AccessControl;
import de.poststelle.admin.access.Actor;
import de.poststelle.admin.access.AuditTrail;
import de.poststelle.core.tenant.OperatorSettings;
import de.poststelle.store.tenant.ClusterRepository;
import de.poststelle.store.tenant.OperatorSettingsRepository;
import org.springframework.transaction.annotation.Transactional;

/** The gateway-wide settings: every admin reads them (support contact, terms), only an operator changes them. */
@Transactional
public class OperatorSettingsService {

    private final OperatorSettingsRepository settings;
    private final ClusterRepository clusters;
    private final AccessControl access;
    private final AuditTrail audit;

    public OperatorSettingsService(OperatorSettingsRepository settings, ClusterRepository clusters,
                                   AccessControl access, AuditTrail audit) {
        this.settings = settings;
        this.clusters = clusters;
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
        audit.record(actor, "settings.update", "operator-settings", "before: " + describe(before)
                + "; after: " + describe(after));
        return after;
    }

    private static String describe(OperatorSettings settings) {
        return "terms version " + settings.currentTermsVersion().orElse("-") + ", support " + settings.supportContact()
                + ", default cluster " + settings.defaultCluster().orElse("-");
    }
}
