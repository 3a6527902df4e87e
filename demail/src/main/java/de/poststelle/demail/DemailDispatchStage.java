package de.poststelle.demail;

import de.poststelle.core.DomainDirectory;
import de.poststelle.core.Envelope;
import de.poststelle.core.MailAddress;
import de.poststelle.core.SmtpReply;
import de.poststelle.core.pipeline.MailContext;
import de.poststelle.core.pipeline.Stage;
import de.poststelle.core.pipeline.StageResult;
import de.poststelle.core.tenant.AddressMapping;
import de.poststelle.core.tenant.TenantDomain;
import de.poststelle.core.trace.DemailDispatch;
import de.poststelle.core.trace.DemailTraceLog;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Turns a clerk's mail to De-Mail addresses into a De-Mail: the From is the clerk's De-Mail
 * address from the mapping table, the dispatch options chosen in the Subject or request header
 * become the provider's header fields, and the tags are removed. The De-Mail recipients fail, with
 * a reason in German and English that the bounce quotes, when the clerk has no De-Mail address,
 * when that address's domain may not send, or when ordinary recipients are in the same mail (a
 * De-Mail's From would be wrong for them). The envelope sender stays the internal address, so
 * bounces of the gateway reach the clerk. Each De-Mail's mapping and options go to the message trace.
 */
public final class DemailDispatchStage implements Stage {

    private final DomainDirectory domains;
    private final Predicate<String> demailDomain;
    private final DispatchRequest request;
    private final DemailTraceLog trace;

    /** {@code demailDomain} tells whether a recipient domain is reached through the De-Mail provider. */
    public DemailDispatchStage(DomainDirectory domains, Predicate<String> demailDomain, DispatchRequest request,
                               DemailTraceLog trace) {
        this.domains = domains;
        this.demailDomain = demailDomain;
        this.request = request;
        this.trace = trace;
    }

    @Override
    public StageResult process(MailContext mail) {
        Envelope envelope = mail.envelope();
        List<MailAddress> demailRecipients = envelope.recipients().stream()
                .filter(recipient -> demailDomain.test(recipient.domain())).toList();
        if (demailRecipients.isEmpty() || envelope.sender().isEmpty()) {
            return StageResult.CONTINUE;
        }
        MailAddress sender = envelope.sender().get();
        Optional<AddressMapping> mapping = domains.mappingOfEmail(sender);
        Optional<SmtpReply> refusal = refusal(sender, mapping, demailRecipients.size() < envelope.recipients().size());
        if (refusal.isPresent()) {
            demailRecipients.forEach(recipient -> mail.failRecipient(recipient, refusal.get()));
            return StageResult.CONTINUE;
        }
        AddressMapping mapped = mapping.get();
        List<DemailDispatch> dispatch = new ArrayList<>(1);
        try {
            mail.replaceBody(HeaderRewrite.of(mail.body(), headers -> {
                Set<DispatchOption> options = asDemail(headers, mapped.demail());
                dispatch.add(new DemailDispatch(mapped.tenantId(), mail.queueId(), headers.getHeader("Message-ID", null).strip(),
                        sender, mapped.demail(), demailRecipients,
                        options.stream().map(DispatchOption::asciiName).toList()));
            }));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        trace.dispatched(dispatch.getFirst());
        return StageResult.CONTINUE;
    }

    private Optional<SmtpReply> refusal(MailAddress sender, Optional<AddressMapping> mapping, boolean mixed) {
        if (mapping.isEmpty()) {
            return Optional.of(new SmtpReply(550, "5.7.1", "Fuer den Absender " + sender
                    + " ist keine De-Mail-Adresse hinterlegt; bitte beim Gateway-Administrator eine Zuordnung"
                    + " beantragen / No De-Mail address is mapped for the sender " + sender
                    + "; ask the gateway administrator for a mapping"));
        }
        MailAddress demail = mapping.get().demail();
        if (domains.find(demail.domain()).map(TenantDomain::direction).filter(direction -> direction.sends()).isEmpty()) {
            return Optional.of(new SmtpReply(550, "5.7.1", "Die De-Mail-Domain " + demail.domain()
                    + " versendet keine De-Mails ueber dieses Gateway / The De-Mail domain " + demail.domain()
                    + " sends no De-Mail through this gateway"));
        }
        if (mixed) {
            return Optional.of(new SmtpReply(550, "5.7.1", "De-Mail-Empfaenger bitte in einer eigenen Nachricht"
                    + " ohne gewoehnliche E-Mail-Empfaenger senden / Send to De-Mail recipients in a message of"
                    + " its own, without ordinary e-mail recipients"));
        }
        return Optional.empty();
    }

    /** Rewrites {@code headers} into a De-Mail's and returns the options chosen. */
    private Set<DispatchOption> asDemail(InternetHeaders headers, MailAddress demailSender) {
        Set<DispatchOption> options = request.takeFrom(headers);
        // Only options chosen the documented way reach the provider, and no clerk forges a notice.
        for (DispatchOption option : DispatchOption.values()) {
            headers.removeHeader(option.header());
        }
        headers.removeHeader(DemailHeaders.NOTICE);
        headers.removeHeader(DemailHeaders.REFERENCE);
        options.forEach(option -> headers.addHeader(option.header(), DemailHeaders.YES));
        headers.setHeader("From", from(headers.getHeader("From", ","), demailSender));
        // The provider's notices name the Message-ID; without one they could not be traced back.
        if (headers.getHeader("Message-ID", null) == null) {
            headers.setHeader("Message-ID", "<" + UUID.randomUUID() + "@" + demailSender.domain() + ">");
        }
        return options;
    }

    /** The clerk's De-Mail address under the display name the clerk's From had. */
    private static String from(String originalFrom, MailAddress demailSender) {
        String personal = null;
        if (originalFrom != null) {
            try {
                InternetAddress[] parsed = InternetAddress.parseHeader(originalFrom, false);
                personal = parsed.length == 1 ? parsed[0].getPersonal() : null;
            } catch (AddressException unreadable) {
                // No display name, then.
            }
        }
        try {
            return new InternetAddress(demailSender.toString(), personal, "UTF-8").toString();
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
    }
}
