package de.poststelle.app;

import de.poststelle.app.config.VerifyProperties;
import de.poststelle.app.domains.DatabaseDomainDirectory;
import de.poststelle.verify.CertificateVerifiers;
import de.poststelle.verify.DssSignatureValidator;
import de.poststelle.verify.ReportPdfRenderer;
import de.poststelle.verify.ReportTexts;
import de.poststelle.verify.SignatureVerificationStage;
import de.poststelle.verify.SignedDocumentFinder;
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

    @Bean
    SignatureVerificationStage signatureVerificationStage(VerifyProperties properties, DatabaseDomainDirectory domains,
                                                          Clock clock) {
        List<X509Certificate> anchors = CertificateVerifiers.loadTrustAnchors(properties.getTrustAnchors(),
                properties.getTrustStorePassword().toCharArray());
        if (anchors.isEmpty()) {
            log.warn("poststelle.verify.trust-anchors is empty: every signature is reported as indeterminate");
        }
        ReportTexts texts = new ReportTexts(properties.getLanguage(), properties.getTimeZone());
        CertificateVerifiers.OnlineSources online = new CertificateVerifiers.OnlineSources(properties.isOnlineRevocation(),
                properties.getConnectTimeout(), properties.getReadTimeout(), properties.getRevocationCache());
        log.info("signature verification reports on: {} trust anchors, online revocation {}", anchors.size(),
                properties.isOnlineRevocation() ? "on" : "off");
        return new SignatureVerificationStage(domains, new SignedDocumentFinder(properties.getMaxDocumentSize(), texts),
                new DssSignatureValidator(CertificateVerifiers.create(anchors, online, clock), texts),
                new ReportPdfRenderer(texts), texts, clock);
    }
}
