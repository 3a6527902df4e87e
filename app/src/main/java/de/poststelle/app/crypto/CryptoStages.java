package de.poststelle.app.crypto;

import de.poststelle.core.DomainDirectory;
import de.poststelle.core.keys.KeyDirectory;
import de.poststelle.core.pipeline.Stage;
import de.poststelle.core.policy.PolicySource;
import de.poststelle.crypto.stages.InboundCryptoStage;
import de.poststelle.crypto.stages.MailProtector;
import de.poststelle.crypto.stages.OutboundCryptoStage;
import de.poststelle.core.queue.SecureMailbox;
import de.poststelle.crypto.stages.OutboundDecisions;
import de.poststelle.crypto.stages.PgpProtector;
import de.poststelle.crypto.stages.SmimeProtector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The encryption stages: inbound decryption and verification goes before the virus scan, outbound
 * signing and encryption after it, so the scanner always sees plaintext. Without a key store
 * ({@link KeyDirectory}) nothing is decrypted or encrypted, and mail the policy says must be
 * encrypted is held, never sent in clear. S/MIME is tried before OpenPGP unless the policy prefers OpenPGP.
 */
public record CryptoStages(Optional<Stage> inbound, Stage outbound, OutboundDecisions decisions) {

    private static final Logger log = LoggerFactory.getLogger(CryptoStages.class);

    /** With a {@code messenger}, mail that must be encrypted but cannot be goes to the recipient's Messenger mailbox. */
    public static CryptoStages of(Optional<KeyDirectory> keys, DomainDirectory domains, PolicySource policies,
                                  Optional<SecureMailbox> messenger, Clock clock) {
        List<MailProtector> protectors = keys.stream()
                .flatMap(k -> Stream.<MailProtector>of(new SmimeProtector(k), new PgpProtector(k, clock))).toList();
        OutboundDecisions decisions = new OutboundDecisions(domains, policies, protectors);
        if (keys.isEmpty()) {
            log.warn("NO KEY STORE: mail is neither decrypted nor encrypted; mail that must be encrypted is held");
        }
        return new CryptoStages(keys.map(k -> new InboundCryptoStage(domains, policies, k, clock)),
                new OutboundCryptoStage(decisions, policies, messenger), decisions);
    }
}
