package de.poststelle.messenger.service;

import de.poststelle.core.MailAddress;
import de.poststelle.core.notice.NoticeKind;
import de.poststelle.core.notice.NoticeText;
import de.poststelle.core.notice.NoticeTemplates;
import de.poststelle.core.tenant.TenantDomain;
import de.poststelle.store.tenant.DomainRepository;
import de.poststelle.store.tenant.NoticeTemplateRepository;
import org.springframework.context.MessageSource;

import java.util.Locale;

/**
 * The wording of each notice. The notices to the recipient of a protected mail ({@link NoticeKind})
 * speak for the authority that wrote: they are worded as the tenant of the internal sender's domain
 * chose, or built in. All other notices come from the texts {@code messenger.mail.<kind>.subject}
 * and {@code .body}.
 */
public final class NoticeTexts {

    private final MessageSource texts;
    private final DomainRepository domains;
    private final NoticeTemplateRepository templates;

    public NoticeTexts(MessageSource texts, DomainRepository domains, NoticeTemplateRepository templates) {
        this.texts = texts;
        this.domains = domains;
        this.templates = templates;
    }

    /** For a recipient notice the arguments are the values of its placeholders, the internal sender first. */
    public NoticeText compose(String kind, Object... arguments) {
        return NoticeKind.ofKey(kind)
                .map(recipientNotice -> templatesOfSender(String.valueOf(arguments[0]))
                        .render(recipientNotice, recipientNotice.values(arguments)))
                .orElseGet(() -> NoticeText.bilingual(fromMessages(kind, Locale.GERMAN, arguments),
                        fromMessages(kind, Locale.ENGLISH, arguments)));
    }

    private NoticeTemplates templatesOfSender(String internalSender) {
        return domains.find(MailAddress.parse(internalSender).domain()).map(TenantDomain::tenantId)
                .map(templates::find).orElse(NoticeTemplates.BUILT_IN);
    }

    private NoticeText fromMessages(String kind, Locale locale, Object... arguments) {
        return new NoticeText(texts.getMessage("messenger.mail." + kind + ".subject", arguments, locale),
                texts.getMessage("messenger.mail." + kind + ".body", arguments, locale));
    }
}
