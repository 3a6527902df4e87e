package de.poststelle.admin.api;

import de.poststelle.admin.service.DomainService;
import de.poststelle.core.CidrRange;
import de.poststelle.core.MailAddress;
import de.poststelle.core.NextHop;
import de.poststelle.core.TlsMode;
import de.poststelle.core.tenant.DomainKind;
import de.poststelle.core.tenant.SendDirection;
import de.poststelle.core.tenant.TenantDomain;
import de.poststelle.core.tenant.UnmappedPolicy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Optional;

/**
 * A tenant's domain as the API shows it, split like the permissions: what the operator sets and
 * what the tenant's technical admin sets. A GET gives exactly what the matching PUT takes.
 */
public record DomainDto(String name, long tenantId, OperatorSettings operatorSettings,
                        DeliverySettings deliverySettings) {

    /** A new domain of a tenant. */
    public record NewDomain(@NotBlank @Size(max = 253) String name, @NotNull @Valid OperatorSettings operatorSettings,
                          @NotNull @Valid DeliverySettings deliverySettings) {
    }

    /**
     * @param cluster        gateway cluster name; null while the domain is not assigned to a cluster
     * @param allowedSenders IP addresses or CIDR ranges that may send for the domain
     */
    public record OperatorSettings(@NotNull DomainKind kind, @Size(max = 63) String cluster,
                                   @NotNull SendDirection direction,
                                   @NotNull @Size(max = 500) List<@NotBlank @Size(max = 64) String> allowedSenders) {

        DomainService.OperatorSettings toSettings() {
            return new DomainService.OperatorSettings(kind, Optional.ofNullable(cluster), direction,
                    allowedSenders.stream().map(CidrRange::parse).toList());
        }

        static OperatorSettings of(TenantDomain domain) {
            return new OperatorSettings(domain.kind(), domain.cluster().orElse(null), domain.direction(),
                    domain.allowedSenders().stream().map(CidrRange::toString).toList());
        }
    }

    /**
     * @param receivingServer the tenant's server that gets the domain's mail; null for none
     * @param catchAllMailbox where unmapped mail goes under CATCH_ALL; null otherwise
     */
    public record DeliverySettings(@Valid ReceivingServer receivingServer, @NotNull UnmappedPolicy unmappedPolicy,
                                   @Size(max = 254) String catchAllMailbox) {

        DomainService.DeliverySettings toSettings() {
            return new DomainService.DeliverySettings(Optional.ofNullable(receivingServer).map(ReceivingServer::toHop),
                    unmappedPolicy, Optional.ofNullable(catchAllMailbox).map(MailAddress::parse));
        }

        static DeliverySettings of(TenantDomain domain) {
            return new DeliverySettings(domain.receivingServer().map(ReceivingServer::of).orElse(null),
                    domain.unmappedPolicy(), domain.catchAllMailbox().map(MailAddress::toString).orElse(null));
        }
    }

    public record ReceivingServer(@NotBlank @Size(max = 253) String host, @NotNull @Min(1) @Max(65535) Integer port,
                                  @NotNull TlsMode tls) {

        NextHop toHop() {
            return NextHop.of(host, port, tls);
        }

        static ReceivingServer of(NextHop hop) {
            return new ReceivingServer(hop.host(), hop.port(), hop.tls());
        }
    }

    static DomainDto from(TenantDomain domain) {
        return new DomainDto(domain.name(), domain.tenantId(), OperatorSettings.of(domain),
                DeliverySettings.of(domain));
    }
}
