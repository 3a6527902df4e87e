package de.poststelle.admin;

import de.poststelle.store.policy.PolicyRepository;
import de.poststelle.store.tenant.AdminUserRepository;
import de.poststelle.store.tenant.AuditLogRepository;
import de.poststelle.store.tenant.AuthorityRegistrationRepository;
import de.poststelle.store.tenant.ChangeRequestRepository;
import de.poststelle.store.tenant.ClusterRepository;
import de.poststelle.store.tenant.DelegationRepository;
import de.poststelle.store.tenant.DemailTraceRepository;
import de.poststelle.store.tenant.DomainRepository;
import de.poststelle.store.tenant.MappingRepository;
import de.poststelle.store.tenant.NodeRepository;
import de.poststelle.store.tenant.NoticeTemplateRepository;
import de.poststelle.store.tenant.OperatorSettingsRepository;
import de.poststelle.store.tenant.QueuedMailClusters;
import de.poststelle.store.tenant.ScanPolicyRepository;
import de.poststelle.store.tenant.TenantRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.time.Clock;

/**
 * The repositories of the tenant model. The administration works on them; the Messenger reads and
 * writes the same tables through the same beans.
 */
@Configuration(proxyBeanMethods = false)
public class TenantRepositoriesConfiguration {

    @Bean
    TenantRepository tenantRepository(DataSource dataSource, Clock clock) {
        return new TenantRepository(dataSource, clock);
    }

    @Bean
    DomainRepository domainRepository(DataSource dataSource) {
        return new DomainRepository(dataSource);
    }

    @Bean
    MappingRepository mappingRepository(DataSource dataSource) {
        return new MappingRepository(dataSource);
    }

    @Bean
    ClusterRepository clusterRepository(DataSource dataSource) {
        return new ClusterRepository(dataSource);
    }

    @Bean
    NodeRepository nodeRepository(DataSource dataSource, ClusterRepository clusters) {
        return new NodeRepository(dataSource, clusters);
    }

    @Bean
    OperatorSettingsRepository operatorSettingsRepository(DataSource dataSource) {
        return new OperatorSettingsRepository(dataSource);
    }

    @Bean
    ScanPolicyRepository scanPolicyRepository(DataSource dataSource) {
        return new ScanPolicyRepository(dataSource);
    }

    @Bean
    NoticeTemplateRepository noticeTemplateRepository(DataSource dataSource) {
        return new NoticeTemplateRepository(dataSource);
    }

    @Bean
    DemailTraceRepository demailTraceRepository(DataSource dataSource, Clock clock) {
        return new DemailTraceRepository(dataSource, clock);
    }

    @Bean
    PolicyRepository policyRepository(DataSource dataSource) {
        return new PolicyRepository(dataSource);
    }

    @Bean
    QueuedMailClusters queuedMailClusters(DataSource dataSource) {
        return new QueuedMailClusters(dataSource);
    }

    @Bean
    AdminUserRepository adminUserRepository(DataSource dataSource, Clock clock) {
        return new AdminUserRepository(dataSource, clock);
    }

    @Bean
    DelegationRepository delegationRepository(DataSource dataSource) {
        return new DelegationRepository(dataSource);
    }

    @Bean
    ChangeRequestRepository changeRequestRepository(DataSource dataSource) {
        return new ChangeRequestRepository(dataSource);
    }

    @Bean
    AuditLogRepository auditLogRepository(DataSource dataSource) {
        return new AuditLogRepository(dataSource);
    }

    @Bean
    AuthorityRegistrationRepository authorityRegistrationRepository(DataSource dataSource) {
        return new AuthorityRegistrationRepository(dataSource);
    }
}
