package de.poststelle.admin;

import de.poststelle.admin.access.AccessControl;
import de.poststelle.admin.access.AuditTrail;
import de.poststelle.admin.api.ApiConfiguration;
import de.poststelle.admin.console.ConsoleConfiguration;
import de.poststelle.admin.security.AdminProperties;
import de.poststelle.admin.security.AdminUserDetailsService;
import de.poststelle.admin.security.CurrentActor;
import de.poststelle.admin.security.FirstOperator;
import de.poststelle.admin.security.LoginAttempts;
import de.poststelle.admin.security.TotpCodes;
import de.poststelle.admin.service.AdminAccountService;
import de.poststelle.admin.service.AuditService;
import de.poststelle.admin.service.AuthorityRegistrationService;
import de.poststelle.admin.service.ChangeRequestService;
import de.poststelle.admin.service.ClusterService;
import de.poststelle.admin.service.DelegationService;
import de.poststelle.admin.service.DemailTraceService;
import de.poststelle.admin.service.DomainService;
import de.poststelle.admin.service.KeyService;
import de.poststelle.admin.service.MappingImportService;
import de.poststelle.admin.service.MappingService;
import de.poststelle.admin.service.OperatorSettingsService;
import de.poststelle.admin.service.PolicyService;
import de.poststelle.admin.service.QueueService;
import de.poststelle.admin.service.MessengerNoticeService;
import de.poststelle.admin.service.ScanPolicyService;
import de.poststelle.admin.service.SecondFactorService;
import de.poststelle.admin.service.TenantService;
import de.poststelle.core.keys.KeyDirectory;
import de.poststelle.core.tenant.AuthorityRegistrationNotices;
import de.poststelle.core.policy.PolicyExplainer;
import de.poststelle.core.queue.MailQueue;
import de.poststelle.store.keys.KeyRepository;
import de.poststelle.store.policy.PolicyRepository;
import de.poststelle.store.tenant.AdminUserRepository;
import de.poststelle.store.tenant.AuditLogRepository;
import de.poststelle.store.tenant.AuthorityRegistrationRepository;
import de.poststelle.store.tenant.ChangeRequestRepository;
import de.poststelle.store.tenant.ClusterRepository;
import de.poststelle.store.tenant.DelegationRepository;
import de.poststelle.store.tenant.DomainRepository;
import de.poststelle.store.tenant.MappingRepository;
import de.poststelle.store.tenant.NodeRepository;
import de.poststelle.store.tenant.OperatorSettingsRepository;
import de.poststelle.store.tenant.QueuedMailClusters;
import de.poststelle.store.tenant.DemailTraceRepository;
import de.poststelle.store.tenant.NoticeTemplateRepository;
import de.poststelle.store.tenant.ScanPolicyRepository;
import de.poststelle.store.tenant.TenantRepository;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/** The administration: services with permission checks and audit, login, web console, on the tenant model's repositories. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdminProperties.class)
@Import({TenantRepositoriesConfiguration.class, SecurityConfiguration.class, ApiConfiguration.class,
        ConsoleConfiguration.class, KeyStoreConfiguration.class})
public class AdminConfiguration {

    /** Argon2id; the {@code {argon2}} prefix in stored hashes lets a later KDF take over without a reset. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new DelegatingPasswordEncoder("argon2",
                Map.of("argon2", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8()));
    }

    @Bean
    AccessControl accessControl(AdminUserRepository users, DelegationRepository delegations, Clock clock) {
        return new AccessControl(users, delegations, clock);
    }

    @Bean
    AuditTrail auditTrail(AuditLogRepository log, Clock clock) {
        return new AuditTrail(log, clock);
    }

    @Bean
    TenantService tenantService(TenantRepository tenants, AccessControl access, AuditTrail audit, Clock clock) {
        return new TenantService(tenants, access, audit, clock);
    }

    @Bean
    DomainService domainService(DomainRepository domains, ClusterRepository clusters,
                                OperatorSettingsRepository gatewaySettings, QueuedMailClusters queuedMail,
                                AccessControl access, AuditTrail audit, ApplicationEventPublisher events) {
        return new DomainService(domains, clusters, gatewaySettings, queuedMail, access, audit, events);
    }

    @Bean
    MappingService mappingService(MappingRepository mappings, DomainRepository domains, AccessControl access,
                                  AuditTrail audit, ApplicationEventPublisher events) {
        return new MappingService(mappings, domains, access, audit, events);
    }

    @Bean
    MappingImportService mappingImportService(MappingRepository mappings, MappingService rules, AccessControl access,
                                              AuditTrail audit, ApplicationEventPublisher events) {
        return new MappingImportService(mappings, rules, access, audit, events);
    }

    @Bean
    ClusterService clusterService(ClusterRepository clusters, NodeRepository nodes,
                                  OperatorSettingsRepository gatewaySettings, AccessControl access, AuditTrail audit) {
        return new ClusterService(clusters, nodes, gatewaySettings, access, audit);
    }

    @Bean
    OperatorSettingsService operatorSettingsService(OperatorSettingsRepository settings, ClusterRepository clusters,
                                                    QueuedMailClusters queuedMail, AccessControl access,
                                                    AuditTrail audit) {
        return new OperatorSettingsService(settings, clusters, queuedMail, access, audit);
    }

    @Bean
    DemailTraceService demailTraceService(DemailTraceRepository traces, AccessControl access) {
        return new DemailTraceService(traces, access);
    }

    @Bean
    ScanPolicyService scanPolicyService(ScanPolicyRepository policies, TenantRepository tenants, AccessControl access,
                                        AuditTrail audit) {
        return new ScanPolicyService(policies, tenants, access, audit);
    }

    @Bean
    MessengerNoticeService messengerNoticeService(NoticeTemplateRepository templates, TenantRepository tenants,
                                                  AccessControl access, AuditTrail audit, Clock clock) {
        return new MessengerNoticeService(templates, tenants, access, audit, clock);
    }

    @Bean
    AdminAccountService adminAccountService(AdminUserRepository users, PasswordEncoder passwords,
                                            AccessControl access, AuditTrail audit) {
        return new AdminAccountService(users, passwords, access, audit);
    }

    @Bean
    DelegationService delegationService(DelegationRepository delegations, AdminUserRepository users,
                                        AccessControl access, AuditTrail audit, Clock clock) {
        return new DelegationService(delegations, users, access, audit, clock);
    }

    @Bean
    ChangeRequestService changeRequestService(ChangeRequestRepository requests, AccessControl access,
                                              AuditTrail audit, Clock clock) {
        return new ChangeRequestService(requests, access, audit, clock);
    }

    /** Needs someone to write the requester's mails; the app's Messenger does. */
    @Bean
    AuthorityRegistrationService authorityRegistrationService(AuthorityRegistrationRepository registrations,
                                                              TenantService tenants, DomainService domains,
                                                              AuthorityRegistrationNotices notices,
                                                              AccessControl access, AuditTrail audit, Clock clock) {
        return new AuthorityRegistrationService(registrations, tenants, domains, notices, access, audit, clock);
    }

    /** Needs the gateway's {@link MailQueue}; the app provides it. */
    @Bean
    QueueService queueService(MailQueue queue, DomainRepository domains, AccessControl access, AuditTrail audit,
                              ApplicationEventPublisher events, Clock clock) {
        return new QueueService(queue, domains, access, audit, events, clock);
    }

    /** Needs the gateway's {@link PolicyExplainer} (keys and policy together); the app provides it. */
    @Bean
    PolicyService policyService(PolicyRepository policies, DomainRepository domains, PolicyExplainer explainer,
                                AccessControl access, AuditTrail audit) {
        return new PolicyService(policies, domains, explainer, access, audit);
    }

    @Bean
    KeyService keyService(KeyRepository keys, KeyDirectory directory, DomainRepository domains, AccessControl access,
                          AuditTrail audit, Clock clock) {
        return new KeyService(keys, directory, domains, access, audit, clock);
    }

    @Bean
    AuditService auditService(AuditLogRepository log) {
        return new AuditService(log);
    }

    @Bean
    TotpCodes totpCodes(Clock clock) {
        return new TotpCodes(clock);
    }

    @Bean
    SecondFactorService secondFactorService(AdminUserRepository users, TotpCodes codes, AuditTrail audit) {
        return new SecondFactorService(users, codes, audit);
    }

    @Bean
    AdminUserDetailsService adminUserDetailsService(AdminUserRepository users, Clock clock) {
        return new AdminUserDetailsService(users, clock);
    }

    @Bean
    LoginAttempts loginAttempts(AdminUserRepository users, AuditTrail audit, AdminProperties properties, Clock clock) {
        return new LoginAttempts(users, audit, properties, clock);
    }

    @Bean
    FirstOperator firstOperator(AdminUserRepository users, PasswordEncoder passwords, AuditTrail audit,
                                AdminProperties properties) {
        return new FirstOperator(users, passwords, audit, properties);
    }

    @Bean
    WebMvcConfigurer actorArgument(AdminUserRepository users, AccessControl access) {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CurrentActor(users, access));
            }
        };
    }
}
