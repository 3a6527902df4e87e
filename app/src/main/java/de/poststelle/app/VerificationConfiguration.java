package de.poststelle.app;

import de.poststelle.app.config.PoststelleProperties;
import de.poststelle.app.config.VerifyProperties;
import de.poststelle.app.domains.DatabaseDomainDirectory;
import de.poststelle.verify.CertificateVerifiers;
import de.poststelle.verify.DssSignatureValidator;
import de.poststelle.verify.ReportPdfRenderer;
import de.poststelle.verify.ReportTexts;
import de.poststelle.verify.SignatureVerificationStage;
import de.poststelle.verify.SignedDocumentFinder;
import de.poststelle.verify.TrustedLists;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

/** The signature verification stage (Prüfprotokoll), on unless {@code poststelle.verify.enabled=false}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VerifyProperties.class)
@ConditionalOnBooleanProperty(name = "poststelle.verify.enabled", matchIfMissing = true)
public class VerificationConfiguration {

    private static final Logger log = LoggerFactory.getLogger(VerificationConfiguration.class);

    @Bean(destroyMethod = "close")
    TrustedLists trustedLists(VerifyProperties properties, PoststelleProperties gateway, Clock clock) {
        List<TrustedLists.Source> sources = properties.getTrustedLists().stream()
                .map(list -> new TrustedLists.Source(list.getUrl(),
                        CertificateVerifiers.loadTrustAnchors(list.getSigningCertificates(), new char[0])))
                .toList();
        TrustedLists lists = new TrustedLists(sources, CertificateVerifiers.httpLoader(onlineSources(properties)),
                gateway.getDataDir().resolve("trusted-lists"), clock);
        lists.start(properties.getTrustedListRefresh());
        return lists;
    }

    @Bean
    SignatureVerificationStage signatureVerificationStage(VerifyProperties properties, DatabaseDomainDirectory domains,
                                                          TrustedLists trustedLists, Clock clock) {
        List<X509Certificate> anchors = CertificateVerifiers.loadTrustAnchors(properties.getTrustAnchors(),
                properties.getTrustStorePassword().toCharArray());
        if (anchors.isEmpty() && properties.getTrustedLists().isEmpty()) {
            log.warn("poststelle.verify.trust-anchors and trusted-lists are empty: every signature is reported as indeterminate");
        }
        ReportTexts texts = new ReportTexts(properties.getLanguage(), properties.getTimeZone());
        log.info("signature verification reports on: {} trust anchors, {} trusted lists, online revocation {}",
                anchors.size(), properties.getTrustedLists().size(), properties.isOnlineRevocation() ? "on" : "off");
        return new SignatureVerificationStage(domains, new SignedDocumentFinder(properties.getMaxDocumentSize(), texts),
                new DssSignatureValidator(CertificateVerifiers.create(anchors, onlineSources(properties), clock,
                        trustedLists.certificateSources()), texts),
                new ReportPdfRenderer(texts, trustedLists::ignored), texts, clock);
    }

    private static CertificateVerifiers.OnlineSources onlineSources(VerifyProperties properties) {
        return new CertificateVerifiers.OnlineSources(properties.isOnlineRevocation(),
                properties.getConnectTimeout(), properties.getReadTimeout(), properties.getRevocationCache());
    }
}
