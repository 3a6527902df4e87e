package de.poststelle.app.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code poststelle.verify.*}: signature verification reports (Prüfprotokoll) for mail to internal recipients. */
@Validated
@ConfigurationProperties("poststelle.verify")
public class VerifyProperties {

    private boolean enabled = true;
    /**
     * Certificates the gateway trusts as issuers of signing certificates: PEM or DER files, or
     * PKCS#12/JKS key stores (.p12, .pfx, .jks). None configured: every signature is "unbestimmt".
     */
    private List<Path> trustAnchors = new ArrayList<>();
    /** Password of the key stores among the trust anchors. */
    private String trustStorePassword = "";
    /** Language of the report and the summary header: de or en. */
    @NotNull
    private Locale language = Locale.GERMAN;
    /** Time zone the report states times in. */
    @NotNull
    private ZoneId timeZone = ZoneId.of("Europe/Berlin");
    /** Fetch OCSP responses, CRLs and missing issuer certificates from the addresses in the certificates. */
    private boolean onlineRevocation = true;
    private Duration connectTimeout = Duration.ofSeconds(3);
    private Duration readTimeout = Duration.ofSeconds(5);
    /** How long fetched revocation data is reused. */
    private Duration revocationCache = Duration.ofHours(1);
    /** Documents larger than this (octets, decoded) are not checked; the header and the report say so. */
    @Min(1)
    private long maxDocumentSize = 20L * 1024 * 1024;
    /**
     * Trusted lists (ETSI TS 119 612) whose CA/QC services count as trust anchors too, so the report
     * can say whether a signature is qualified. None configured: no signature is reported as qualified.
     */
    @Valid
    private List<TrustedList> trustedLists = new ArrayList<>();
    /** How often the trusted lists are downloaded again. */
    private Duration trustedListRefresh = Duration.ofHours(6);

    /** One trusted list: where it is published and the certificates that may sign it. */
    public static class TrustedList {
        @NotBlank
        private String url;
        /** PEM or DER files with the certificates the list's operator signs it with (announced in the OJEU for EU lists). */
        @NotEmpty
        private List<Path> signingCertificates = new ArrayList<>();

        public String getUrl() { return url; }
        public void setUrl(String url) { this.url = url; }
        public List<Path> getSigningCertificates() { return signingCertificates; }
        public void setSigningCertificates(List<Path> signingCertificates) { this.signingCertificates = signingCertificates; }
    }

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public List<Path> getTrustAnchors() { return trustAnchors; }
    public void setTrustAnchors(List<Path> trustAnchors) { this.trustAnchors = trustAnchors; }
    public String getTrustStorePassword() { return trustStorePassword; }
    public void setTrustStorePassword(String trustStorePassword) { this.trustStorePassword = trustStorePassword; }
    public Locale getLanguage() { return language; }
    public void setLanguage(Locale language) { this.language = language; }
    public ZoneId getTimeZone() { return timeZone; }
    public void setTimeZone(ZoneId timeZone) { this.timeZone = timeZone; }
    public boolean isOnlineRevocation() { return onlineRevocation; }
    public void setOnlineRevocation(boolean onlineRevocation) { this.onlineRevocation = onlineRevocation; }
    public Duration getConnectTimeout() { return connectTimeout; }
    public void setConnectTimeout(Duration connectTimeout) { this.connectTimeout = connectTimeout; }
    public Duration getReadTimeout() { return readTimeout; }
    public void setReadTimeout(Duration readTimeout) { this.readTimeout = readTimeout; }
    public Duration getRevocationCache() { return revocationCache; }
    public void setRevocationCache(Duration revocationCache) { this.revocationCache = revocationCache; }
    public long getMaxDocumentSize() { return maxDocumentSize; }
    public void setMaxDocumentSize(long maxDocumentSize) { this.maxDocumentSize = maxDocumentSize; }
    public List<TrustedList> getTrustedLists() { return trustedLists; }
    public void setTrustedLists(List<TrustedList> trustedLists) { this.trustedLists = trustedLists; }
    public Duration getTrustedListRefresh() { return trustedListRefresh; }
    public void setTrustedListRefresh(Duration trustedListRefresh) { this.trustedListRefresh = trustedListRefresh; }
}
