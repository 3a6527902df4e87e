package de.poststelle.messenger;

import de.poststelle.core.keys.KeyDirectory;
import de.poststelle.core.queue.MailQueue;
import de.poststelle.core.queue.SecureMailbox;
import de.poststelle.messenger.pin.PinChannel;
import de.poststelle.messenger.pin.PinProperties;
import de.poststelle.messenger.pin.SmsGateway;
import de.poststelle.messenger.service.Activations;
import de.poststelle.messenger.service.AuthorityRegistrationMails;
import de.poststelle.messenger.service.AuthorityRegistrations;
import de.poststelle.messenger.service.MailboxDelivery;
import de.poststelle.messenger.service.MailboxLifecycle;
import de.poststelle.messenger.service.MailboxPasswords;
import de.poststelle.messenger.service.MailboxService;
import de.poststelle.messenger.service.MessengerSecureMailbox;
import de.poststelle.messenger.service.NoticeTexts;
import de.poststelle.messenger.service.Notices;
import de.poststelle.messenger.service.OwnKeys;
import de.poststelle.messenger.service.RateLimiter;
import de.poststelle.messenger.service.SelfRegistration;
import de.poststelle.messenger.store.ActivationRepository;
import de.poststelle.messenger.store.MailboxRepository;
import de.poststelle.messenger.store.MessageRepository;
import de.poststelle.messenger.store.MessengerAuditLog;
import de.poststelle.messenger.store.StorageCipher;
import de.poststelle.messenger.store.StorageKeys;
import de.poststelle.messenger.web.MessengerWeb;
import de.poststelle.store.keys.KeyRepository;
import de.poststelle.store.tenant.AuditLogRepository;
import de.poststelle.store.tenant.AuthorityRegistrationRepository;
import de.poststelle.store.tenant.DomainRepository;
import de.poststelle.store.tenant.NoticeTemplateRepository;
import de.poststelle.store.tenant.TenantRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The Messenger: encrypted mailbox storage, delivery into it, activation, self-registration,
 * authorities' registration requests, lifecycle, the citizen's own keys, and its web pages under
 * {@code /messenger}. Needs the gateway's {@link MailQueue} (notices and replies go out through it),
 * a {@link Clock}, Spring Boot's {@link TransactionTemplate}, a {@link MessageSource} holding the
 * {@code messenger/messages} texts, and the key store with the tenant repositories.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({MessengerProperties.class, PinProperties.class})
@Import(MessengerWeb.class)
public class MessengerConfiguration {

    @Bean
    MailboxPasswords mailboxPasswords() {
        return new MailboxPasswords();
    }

    @Bean
    StorageCipher messengerStorageCipher(MessengerProperties properties,
                                         @Value("${poststelle.data-dir:./data}") String dataDir) {
        return new StorageCipher(StorageKeys.load(properties.storageKey(),
                Path.of(dataDir).resolve("messenger").resolve("storage.key")));
    }

    @Bean
    MailboxRepository mailboxRepository(DataSource dataSource) {
        return new MailboxRepository(dataSource);
    }

    @Bean
    MessageRepository messengerMessageRepository(DataSource dataSource) {
        return new MessageRepository(dataSource);
    }

    @Bean
    ActivationRepository activationRepository(DataSource dataSource) {
        return new ActivationRepository(dataSource);
    }

    @Bean
    MessengerAuditLog messengerAuditLog(DataSource dataSource, Clock clock) {
        return new MessengerAuditLog(dataSource, clock);
    }

    /** Needs the tenants' domains and notice texts, which the administration provides. */
    @Bean
    NoticeTexts messengerNoticeTexts(MessageSource texts, DomainRepository domains, NoticeTemplateRepository templates) {
        return new NoticeTexts(texts, domains, templates);
    }

    @Bean
    Notices messengerNotices(MailQueue queue, NoticeTexts texts, MessengerProperties properties,
                             @Value("${poststelle.hostname:poststelle.localhost}") String hostname, Clock clock) {
        return new Notices(queue, texts, properties, hostname, clock);
    }

    @Bean
    Activations activations(ActivationRepository activations, MailboxRepository mailboxes, MailboxPasswords passwords,
                            MessengerAuditLog audit,
                            TransactionTemplate transactions, MessengerProperties properties, Clock clock) {
        return new Activations(activations, mailboxes, passwords, audit, transactions, properties, clock);
    }

    @Bean
    PinChannel pinChannel(PinProperties pin, MessageSource texts) {
        return new PinChannel(pin.delivery(), Optional.of(pin.sms()).filter(sms -> sms.url() != null).map(SmsGateway::new),
                texts);
    }

    @Bean
    MailboxDelivery mailboxDelivery(MailboxRepository mailboxes, MessageRepository messages, StorageCipher cipher,
                                    Activations activations, Notices notices, PinChannel pins,
                                    TransactionTemplate transactions, MessengerProperties properties, Clock clock) {
        return new MailboxDelivery(mailboxes, messages, cipher, activations, notices, pins, transactions,
                properties, clock);
    }

    /** Replaces holding mail that must be encrypted but cannot be (poststelle.messenger.replace-hold). */
    @Bean
    @ConditionalOnBooleanProperty(name = "poststelle.messenger.replace-hold", matchIfMissing = true)
    SecureMailbox messengerSecureMailbox(MailboxDelivery delivery, OwnKeys ownKeys, Notices notices,
                                         MessengerAuditLog audit, MessengerProperties properties) {
        return new MessengerSecureMailbox(delivery, ownKeys, notices, audit, properties);
    }

    @Bean
    MailboxService mailboxService(MailboxRepository mailboxes, MessageRepository messages, StorageCipher cipher,
                                  MailQueue queue, MessengerAuditLog audit, TransactionTemplate transactions,
                                  MessengerProperties properties,
                                  @Value("${poststelle.hostname:poststelle.localhost}") String hostname, Clock clock) {
        return new MailboxService(mailboxes, messages, cipher, queue, audit, transactions, properties,
                hostname, clock);
    }

    @Bean
    SelfRegistration selfRegistration(MailboxRepository mailboxes, Activations activations, Notices notices,
                                      MessengerAuditLog audit, MessengerProperties properties, Clock clock) {
        return new SelfRegistration(mailboxes, activations, notices, audit,
                new RateLimiter(properties.registrationsPerHour(), Duration.ofHours(1), clock), properties, clock);
    }

    /** Needs the key store and the tenant repositories, which the administration provides. */
    @Bean
    OwnKeys ownKeys(MailboxRepository mailboxes, MessageRepository messages, DomainRepository domains,
                    TenantRepository tenants, KeyRepository keys, KeyDirectory directory, MessengerAuditLog audit,
                    AuditLogRepository tenantAudit, TransactionTemplate transactions, Clock clock) {
        return new OwnKeys(mailboxes, messages, domains, tenants, keys, directory, audit, tenantAudit, transactions,
                clock);
    }

    @Bean
    AuthorityRegistrationMails authorityRegistrationMails(Notices notices) {
        return new AuthorityRegistrationMails(notices);
    }

    /** Needs the tenant repositories, which the administration provides. */
    @Bean
    AuthorityRegistrations authorityRegistrations(AuthorityRegistrationRepository registrations,
                                                  DomainRepository domains, AuditLogRepository tenantAudit,
                                                  AuthorityRegistrationMails mails, TransactionTemplate transactions,
                                                  MessengerProperties properties, Clock clock) {
        return new AuthorityRegistrations(registrations, domains, tenantAudit, mails,
                new RateLimiter(properties.registrationsPerHour(), Duration.ofHours(1), clock), transactions, clock);
    }

    @Bean
    MailboxLifecycle mailboxLifecycle(MailboxRepository mailboxes, Notices notices, MessengerAuditLog audit,
                                      MessengerProperties properties, Clock clock) {
        return new MailboxLifecycle(mailboxes, notices, audit, properties, clock);
    }

    @Bean
    LifecycleSchedule messengerLifecycleSchedule(MailboxLifecycle lifecycle, MessengerProperties properties) {
        return new LifecycleSchedule(lifecycle, properties.lifecycleInterval());
    }
}
