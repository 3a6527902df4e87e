package de.poststelle.admin.service;

import de.poststelle.admin.access.AccessControl;
import de.poststelle.admin.access.Actor;
import de.poststelle.admin.access.AuditTrail;
import de.poststelle.core.notice.NoticeKind;
import de.poststelle.core.notice.NoticeTemplate;
import de.poststelle.core.notice.NoticeTemplates;
import de.poststelle.core.notice.NoticeText;
import de.poststelle.core.tenant.Permission;
import de.poststelle.store.tenant.NoticeTemplateRepository;
import de.poststelle.store.tenant.TenantRepository;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A tenant's wording of the notices its Messenger recipients get. It speaks for the authority
 * (name, phone number for questions), so the technical admin who runs its delivery sets it.
 */
@Transactional
public class MessengerNoticeService {

    /** What the preview fills in; the link is the shape, not a working one. */
    static final String SAMPLE_SENDER = "sachbearbeitung@behoerde.example";
    static final String SAMPLE_SUBJECT = "Ihr Antrag vom 3. November";
    static final String SAMPLE_LINK = "https://poststelle.example/messenger/activate/Beispiel-Link";
    private static final Duration SAMPLE_VALIDITY = Duration.ofDays(14);

    private final NoticeTemplateRepository templates;
    private final TenantRepository tenants;
    private final AccessControl access;
    private final AuditTrail audit;
    private final Clock clock;

    public MessengerNoticeService(NoticeTemplateRepository templates, TenantRepository tenants, AccessControl access,
                                  AuditTrail audit, Clock clock) {
        this.templates = templates;
        this.tenants = tenants;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public NoticeTemplates get(Actor actor, long tenantId) {
        access.require(actor, Permission.VIEW_TENANT, tenantId);
        ExistingTenants.require(tenants, tenantId);
        return templates.find(tenantId);
    }

    /** Replaces all of the tenant's texts; {@link NoticeTemplates#BUILT_IN} goes back to the built-in ones. */
    public NoticeTemplates update(Actor actor, long tenantId, NoticeTemplates after) {
        access.require(actor, Permission.MANAGE_DELIVERY, tenantId);
        ExistingTenants.require(tenants, tenantId);
        NoticeTemplates before = templates.find(tenantId);
        templates.save(tenantId, after);
        audit.record(actor, tenantId, Permission.MANAGE_DELIVERY, "messenger-notices.update", "tenant " + tenantId,
                "before: " + describe(before) + "; after: " + describe(after));
        return after;
    }

    /** Each notice as a recipient would get it with these texts, filled with sample values. */
    public Map<NoticeKind, NoticeText> preview(NoticeTemplates draft) {
        Map<NoticeKind, NoticeText> notices = new EnumMap<>(NoticeKind.class);
        notices.put(NoticeKind.ACTIVATION, draft.render(NoticeKind.ACTIVATION, NoticeKind.ACTIVATION.values(
                SAMPLE_SENDER, SAMPLE_SUBJECT, SAMPLE_LINK, clock.instant().plus(SAMPLE_VALIDITY))));
        notices.put(NoticeKind.NEW_MESSAGE, draft.render(NoticeKind.NEW_MESSAGE, NoticeKind.NEW_MESSAGE.values(
                SAMPLE_SENDER, SAMPLE_SUBJECT, SAMPLE_LINK)));
        return notices;
    }

    /** Which texts are the tenant's own; the texts themselves may be long and stay out of the audit log. */
    private static String describe(NoticeTemplates templates) {
        return templates.templates().isEmpty() ? "built-in texts" : "own texts for " + templates.templates().stream()
                .map(MessengerNoticeService::describe).collect(Collectors.joining(", "));
    }

    private static String describe(NoticeTemplate template) {
        return template.kind().key() + " " + template.language()
                + (template.subject().isEmpty() ? "" : " subject") + (template.body().isEmpty() ? "" : " body");
    }
}
