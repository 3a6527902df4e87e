package de.poststelle.verify;

import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.xades.XAdESSignatureParameters;
import eu.europa.esig.dss.xades.signature.XAdESService;
import eu.europa.esig.dss.xades.tsl.TrustedListV5SignatureParametersBuilder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * A small trusted list (ETSI TS 119 612, version 5) as a member state publishes it: one trust
 * service provider with one CA/QC service for qualified signatures, status "granted", signed
 * (XAdES enveloped) the way DSS signs trusted lists.
 */
public final class TestTrustedList {

    private TestTrustedList() {
    }

    /** A list naming {@code qualifiedCa} as a granted CA/QC service, signed by {@code listSigner}. */
    public static byte[] signed(X509Certificate qualifiedCa, TestSigners.Signer listSigner) throws IOException {
        InMemoryDocument list = new InMemoryDocument(xml(qualifiedCa).getBytes(StandardCharsets.UTF_8), "tl.xml");
        XAdESSignatureParameters parameters = new TrustedListV5SignatureParametersBuilder(
                new CertificateToken(listSigner.certificate()), list).build();
        return TestDocuments.sign(new XAdESService(new CommonCertificateVerifier()), parameters, listSigner, list, null);
    }

    private static String xml(X509Certificate qualifiedCa) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <tsl:TrustServiceStatusList xmlns:tsl="http://uri.etsi.org/02231/v2#" Id="TrustServiceStatusList" TSLTag="http://uri.etsi.org/19612/TSLTag">
                  <tsl:SchemeInformation>
                    <tsl:TSLVersionIdentifier>5</tsl:TSLVersionIdentifier>
                    <tsl:TSLSequenceNumber>1</tsl:TSLSequenceNumber>
                    <tsl:TSLType>http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUgeneric</tsl:TSLType>
                    <tsl:SchemeOperatorName><tsl:Name xml:lang="de">Poststelle Testbetreiber</tsl:Name></tsl:SchemeOperatorName>
                    <tsl:SchemeOperatorAddress>%s</tsl:SchemeOperatorAddress>
                    <tsl:SchemeName><tsl:Name xml:lang="en">DE:Poststelle test trusted list</tsl:Name></tsl:SchemeName>
                    <tsl:SchemeInformationURI><tsl:URI xml:lang="en">http://127.0.0.1/info</tsl:URI></tsl:SchemeInformationURI>
                    <tsl:StatusDeterminationApproach>http://uri.etsi.org/TrstSvc/TrustedList/StatusDetn/EUappropriate</tsl:StatusDeterminationApproach>
                    <tsl:SchemeTypeCommunityRules><tsl:URI xml:lang="en">http://uri.etsi.org/TrstSvc/TrustedList/schemerules/EUcommon</tsl:URI></tsl:SchemeTypeCommunityRules>
                    <tsl:SchemeTerritory>DE</tsl:SchemeTerritory>
                    <tsl:PolicyOrLegalNotice><tsl:TSLLegalNotice xml:lang="en">Test list, no legal effect.</tsl:TSLLegalNotice></tsl:PolicyOrLegalNotice>
                    <tsl:HistoricalInformationPeriod>65535</tsl:HistoricalInformationPeriod>
                    <tsl:ListIssueDateTime>%s</tsl:ListIssueDateTime>
                    <tsl:NextUpdate><tsl:dateTime>%s</tsl:dateTime></tsl:NextUpdate>
                  </tsl:SchemeInformation>
                  <tsl:TrustServiceProviderList>
                    <tsl:TrustServiceProvider>
                      <tsl:TSPInformation>
                        <tsl:TSPName><tsl:Name xml:lang="de">Test-Vertrauensdiensteanbieter</tsl:Name></tsl:TSPName>
                        <tsl:TSPAddress>%s</tsl:TSPAddress>
                        <tsl:TSPInformationURI><tsl:URI xml:lang="en">http://127.0.0.1/tsp</tsl:URI></tsl:TSPInformationURI>
                      </tsl:TSPInformation>
                      <tsl:TSPServices>
                        <tsl:TSPService>
                          <tsl:ServiceInformation>
                            <tsl:ServiceTypeIdentifier>http://uri.etsi.org/TrstSvc/Svctype/CA/QC</tsl:ServiceTypeIdentifier>
                            <tsl:ServiceName><tsl:Name xml:lang="de">Test-CA für qualifizierte Zertifikate</tsl:Name></tsl:ServiceName>
                            <tsl:ServiceDigitalIdentity><tsl:DigitalId><tsl:X509Certificate>%s</tsl:X509Certificate></tsl:DigitalId></tsl:ServiceDigitalIdentity>
                            <tsl:ServiceStatus>http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted</tsl:ServiceStatus>
                            <tsl:StatusStartingTime>2016-07-01T00:00:00Z</tsl:StatusStartingTime>
                            <tsl:ServiceInformationExtensions>
                              <tsl:Extension Critical="true">
                                <tsl:AdditionalServiceInformation><tsl:URI xml:lang="en">http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/ForeSignatures</tsl:URI></tsl:AdditionalServiceInformation>
                              </tsl:Extension>
                            </tsl:ServiceInformationExtensions>
                          </tsl:ServiceInformation>
                        </tsl:TSPService>
                      </tsl:TSPServices>
                    </tsl:TrustServiceProvider>
                  </tsl:TrustServiceProviderList>
                </tsl:TrustServiceStatusList>
                """.formatted(address(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)), address(),
                base64(qualifiedCa));
    }

    private static String address() {
        return "<tsl:PostalAddresses><tsl:PostalAddress xml:lang=\"de\"><tsl:StreetAddress>Teststraße 1</tsl:StreetAddress>"
                + "<tsl:Locality>Berlin</tsl:Locality><tsl:CountryName>DE</tsl:CountryName></tsl:PostalAddress></tsl:PostalAddresses>"
                + "<tsl:ElectronicAddress><tsl:URI xml:lang=\"en\">mailto:tl@example.org</tsl:URI></tsl:ElectronicAddress>";
    }

    private static String base64(X509Certificate certificate) {
        try {
            return Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
