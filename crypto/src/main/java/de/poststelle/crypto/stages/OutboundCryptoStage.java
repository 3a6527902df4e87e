package de.poststelle.crypto.stages;

import de.poststelle.core.MailAddress;
import de.poststelle.core.MessageSource;
import de.poststelle.core.SmtpReply;
import de.poststelle.core.policy.OutboundDecision;
import de.poststelle.core.policy.OutboundDecision.Outcome;
import de.poststelle.core.policy.PolicySource;
import de.poststelle.core.policy.SecureFormat;
import de.poststelle.core.policy.TenantPolicy;
import de.poststelle.core.pipeline.MailContext;
import de.poststelle.core.pipeline.Stage;
import de.poststelle.core.pipeline.StageResult;
import de.poststelle.core.queue.SecureMailbox;
import de.poststelle.crypto.smime.MessageHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Encrypts and signs mail from a tenant's sender to external recipients as the tenant's policy
 * says. Recipients that need different treatment (encrypted, plain, held) are split into mails of
 * their own; each copy comes through this stage again and then needs just one treatment. Mail
 * that must be encrypted but cannot be is held (deferred) with the reason, never sent in clear,
 * and bounced after the queue's maximum age. Runs after the virus scan, which must see plaintext.
 */
public final class OutboundCryptoStage implements Stage {

    private static final Logger log = LoggerFactory.getLogger(OutboundCryptoStage.class);

    /** Content types of mail the sender already encrypted end to end; it is not wrapped twice. */
    private static final Set<String> ALREADY_ENCRYPTED =
            Set.of("application/pkcs7-mime", "application/x-pkcs7-mime", "multipart/encrypted");

    private final OutboundDecisions decisions;
    private final PolicySource policies;
    private final Optional<SecureMailbox> messenger;

    public OutboundCryptoStage(OutboundDecisions decisions, PolicySource policies) {
        this(decisions, policies, Optional.empty());
    }

    /** With a {@code messenger}, recipients that would be held go into their Messenger mailboxes instead. */
    public OutboundCryptoStage(OutboundDecisions decisions, PolicySource policies, Optional<SecureMailbox> messenger) {
        this.decisions = decisions;
        this.policies = policies;
        this.messenger = messenger;
    }

    /** One way of handling a group of recipients; the order of the outcomes is the order of preference to keep. */
    private record Treatment(Outcome outcome, Optional<SecureFormat> format, boolean sign) {

        static Treatment of(OutboundDecision decision) {
            Outcome outcome = decision.outcome() == Outcome.NOT_OUTBOUND ? Outcome.PLAIN : decision.outcome();
            return new Treatment(outcome, decision.format(), decision.signs());
        }
    }

    @Override
    public StageResult process(MailContext mail) throws Exception {
        Optional<MailAddress> sender = mail.envelope().sender();
        Optional<Long> tenant = sender.flatMap(decisions::tenantOf);
        if (tenant.isEmpty() || mail.activeRecipients().stream().allMatch(decisions::isInternal)) {
            return StageResult.CONTINUE;
        }
        MessageHeaders headers = MessageHeaders.read(mail.body());
        if (ALREADY_ENCRYPTED.contains(headers.mediaType())
                && !headers.contentTypeParameter("smime-type").orElse("").equalsIgnoreCase("signed-data")) {
            log.info("queueId={} already encrypted by the sender, sent as it is", mail.queueId());
            return StageResult.CONTINUE;
        }
        long tenantId = tenant.get();
        TenantPolicy policy = policies.policyOf(tenantId);
        EncryptionTrigger trigger = new EncryptionTrigger(policy.settings(), headers);
        Map<Treatment, List<MailAddress>> groups = new LinkedHashMap<>();
        Map<Treatment, String> reasons = new LinkedHashMap<>();
        for (MailAddress recipient : mail.activeRecipients()) {
            OutboundDecision decision = decisions.decide(tenantId, policy, sender.get(), recipient, trigger.fired());
            Treatment treatment = Treatment.of(decision);
            groups.computeIfAbsent(treatment, t -> new ArrayList<>()).add(recipient);
            reasons.merge(treatment, decision.reason(), (a, b) -> a + "; " + b);
        }
        List<Treatment> order = groups.keySet().stream().sorted(Comparator.comparing(Treatment::outcome)).toList();
        Treatment kept = order.getFirst();
        for (Treatment other : order.subList(1, order.size())) {
            mail.splitOff(groups.get(other));
            log.info("queueId={} recipients {} split off: {}", mail.queueId(), groups.get(other), other.outcome());
        }
        List<MailAddress> recipients = groups.get(kept);
        log.info("queueId={} to={} {}: {}", mail.queueId(), recipients, kept.outcome(), reasons.get(kept));
        if (kept.outcome() == Outcome.HOLD && messenger.isPresent()) {
            return handOff(mail, sender.get(), recipients, trigger.removedFrom(mail.body()));
        }
        if (kept.outcome() == Outcome.HOLD) {
            return new StageResult.Defer("awaiting secure delivery: no trusted key for "
                    + recipients.stream().map(MailAddress::toString).collect(Collectors.joining(", ")));
        }
        return protect(mail, tenantId, sender.get(), kept, recipients, withoutMobileNumber(trigger.removedFrom(mail.body())));
    }

    /** The number the clerk gave for the Messenger's PIN SMS is for the gateway, not for the recipient. */
    private static MessageSource withoutMobileNumber(MessageSource message) throws IOException {
        MessageHeaders headers = MessageHeaders.read(message);
        if (SecureMailbox.MOBILE_FIELDS.stream().noneMatch(headers::contains)) {
            return message;
        }
        return headers.edit(message, SecureMailbox.MOBILE_FIELDS, subject -> subject);
    }

    /**
     * Stores the mail in each recipient's Messenger mailbox; the notices go with each hand-off. A
     * full mailbox keeps its recipient pending or fails it, as the Messenger is configured. Pending
     * recipients are split off to be tried again on their own, so the others are recorded (and
     * announced) now; if all are pending, the mail is tried again as a whole.
     */
    private StageResult handOff(MailContext mail, MailAddress sender, List<MailAddress> recipients,
                                MessageSource message) throws IOException {
        List<MailAddress> full = new ArrayList<>();
        for (MailAddress recipient : recipients) {
            SecureMailbox.Delivery delivery = messenger.orElseThrow().deliver(mail.queueId(), sender, recipient, message);
            switch (delivery.outcome()) {
                case STORED -> mail.handOff(recipient, "stored in the Messenger mailbox", delivery.notices());
                case KEEP_PENDING -> full.add(recipient);
                case REFUSED -> mail.failRecipient(recipient, new SmtpReply(552, "5.2.2", "Messenger mailbox full"));
            }
        }
        if (full.isEmpty()) {
            return StageResult.CONTINUE;
        }
        if (full.size() < recipients.size()) {
            mail.splitOff(full);
            return StageResult.CONTINUE;
        }
        return new StageResult.Defer("Messenger mailbox full: "
                + full.stream().map(MailAddress::toString).collect(Collectors.joining(", ")));
    }

    private StageResult protect(MailContext mail, long tenantId, MailAddress sender, Treatment treatment,
                                List<MailAddress> recipients, MessageSource message) throws Exception {
        if (treatment.format().isEmpty()) {
            if (message != mail.body()) {
                mail.replaceBody(message);
            }
            return StageResult.CONTINUE;
        }
        MailProtector protector = decisions.protector(treatment.format().get());
        try {
            mail.replaceBody(Spool.write(out -> {
                if (treatment.outcome() == Outcome.ENCRYPT) {
                    protector.encrypt(tenantId, sender, recipients, treatment.sign(), message, out);
                } else {
                    protector.sign(tenantId, sender, message, out);
                }
            }));
            return StageResult.CONTINUE;
        } catch (ProtectionException e) {
            log.warn("queueId={} {} failed: {}", mail.queueId(), treatment.outcome(), e.getMessage());
            return new StageResult.Defer("awaiting secure delivery: " + e.getMessage());
        }
    }
}
