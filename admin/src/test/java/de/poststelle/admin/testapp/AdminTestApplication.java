package de.poststelle.admin.testapp;

import de.poststelle.admin.AdminConfiguration;
import de.poststelle.core.policy.EffectivePolicy;
import de.poststelle.core.policy.EncryptionMode;
import de.poststelle.core.policy.OutboundDecision;
import de.poststelle.core.policy.PolicyExplainer;
import de.poststelle.core.queue.MailQueue;
import de.poststelle.store.JdbcMailQueue;
import de.poststelle.store.policy.PolicyRepository;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.Optional;

/**
 * The administration on its own, as the app runs it but with an in-memory H2 (Flyway migrates it)
 * and a clock the tests can move forward, e.g. past the end of a delegation, and a fixed master key
 * for the key store (else a key file would be generated in the module directory).
 */
@SpringBootApplication
@Import(AdminConfiguration.class)
@PropertySource("classpath:admin-test.properties")
public class AdminTestApplication {

    @Bean
    MutableClock clock() {
        return new MutableClock();
    }

    /** The app explains with the key store; here every mail is described as sent plain, without keys. */
    @Bean
    PolicyExplainer policyExplainer(PolicyRepository policies) {
        return (tenantId, sender, recipient) -> {
            EffectivePolicy policy = policies.policyOf(tenantId).resolve(sender, recipient, false);
            OutboundDecision.Outcome outcome = policy.encryption() == EncryptionMode.MANDATORY
                    ? OutboundDecision.Outcome.HOLD : OutboundDecision.Outcome.PLAIN;
            return new OutboundDecision(outcome, Optional.of(policy), Optional.empty(), Optional.empty(),
                    Optional.empty(), "no key store in the admin test application");
        };
    }

    /** The app's Messenger mails the requester; here the decisions are recorded. */
    @Bean
    RecordedRegistrationNotices registrationNotices() {
        return new RecordedRegistrationNotices();
    }

    /** The app provides the gateway's queue; the queue pages and API work on it. */
    @Bean
    MailQueue mailQueue(DataSource dataSource, Clock clock) {
        return new JdbcMailQueue(dataSource, clock);
    }
}
