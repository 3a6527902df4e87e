package de.poststelle.crypto.smime;

import de.poststelle.core.MessageSource;
import de.poststelle.crypto.mime.MimeHeader;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.mail.smime.SMIMESigned;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.util.Store;

/**
 * Verifies S/MIME signatures: detached {@code multipart/signed} (protocol
 * {@code application/pkcs7-signature} or the old {@code application/x-pkcs7-signature}) and opaque
 * {@code application/pkcs7-mime; smime-type=signed-data}.
 *
 * <p>Only the cryptographic check against the certificate embedded in the message (and that the
 * certificate was valid at the signed signing time) is done here. Whether that certificate is
 * trusted is the caller's decision, based on {@link SmimeVerification.Signer#chain()}.
 *
 * <p>Memory: this first version parses the message with Jakarta Mail and BouncyCastle's
 * {@link SMIMESigned}, which hold the message in memory. Fine for ordinary mail; for very large
 * signed messages a streaming verifier (two passes over the {@link MessageSource}) is left to do.
 */
public final class SmimeVerifier {

    private static final Session SESSION = Session.getInstance(new Properties());

    public SmimeVerification verify(MessageSource message) throws IOException {
        SMIMESigned signed;
        try (InputStream in = new BufferedInputStream(message.open(), 64 * 1024)) {
            MimeMessage mime = new MimeMessage(SESSION, in);
            if (mime.isMimeType("multipart/signed")) {
                Object content = mime.getContent();
                if (!(content instanceof MimeMultipart mp) || mp.getCount() != 2) {
                    return SmimeVerification.invalid("multipart/signed without exactly two parts");
                }
                signed = new SMIMESigned(mp);
            } else if (mime.isMimeType("application/pkcs7-mime") || mime.isMimeType("application/x-pkcs7-mime")) {
                String smimeType = MimeHeader.parameter(mime.getContentType(), "smime-type");
                if (smimeType != null && !smimeType.equalsIgnoreCase("signed-data")) {
                    return SmimeVerification.invalid("not signed (smime-type=" + smimeType + ")");
                }
                signed = new SMIMESigned(mime);
            } else {
                return SmimeVerification.invalid("not an S/MIME signed message (" + mime.getContentType() + ")");
            }
        } catch (MessagingException | CMSException | org.bouncycastle.mail.smime.SMIMEException e) {
            return SmimeVerification.invalid("cannot parse signed message: " + e.getMessage());
        }

        Store<X509CertificateHolder> certs = signed.getCertificates();
        List<SmimeVerification.Signer> results = new ArrayList<>();
        Collection<SignerInformation> signerInfos = signed.getSignerInfos().getSigners();
        if (signerInfos.isEmpty()) {
            return SmimeVerification.invalid("no signer");
        }
        for (SignerInformation si : signerInfos) {
            results.add(verifySigner(si, certs));
        }
        boolean allValid = results.stream().allMatch(SmimeVerification.Signer::valid);
        String reason = allValid ? "signature valid"
                : results.stream().filter(s -> !s.valid()).findFirst().orElseThrow().reason();
        return new SmimeVerification(allValid, reason, results);
    }

    private static SmimeVerification.Signer verifySigner(SignerInformation si, Store<X509CertificateHolder> certs) {
        Optional<Instant> signingTime = signingTime(si);
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> matches = certs.getMatches(si.getSID());
        if (matches.isEmpty()) {
            return new SmimeVerification.Signer(false, "signer certificate not included in the message", null,
                    List.of(), null, List.of(), signingTime);
        }
        X509CertificateHolder holder = matches.iterator().next();
        X509Certificate cert;
        try {
            cert = toJca(holder);
        } catch (CertificateException e) {
            return new SmimeVerification.Signer(false, "bad signer certificate: " + e.getMessage(), null,
                    List.of(), null, List.of(), signingTime);
        }
        List<X509Certificate> chain = chain(cert, certs);
        String subject = cert.getSubjectX500Principal().getName();
        List<String> emails = emails(cert);
        boolean valid;
        String reason;
        try {
            valid = si.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(Bc.PROVIDER).build(holder));
            reason = valid ? "signature valid" : "signature does not match the content";
        } catch (CMSException e) {
            valid = false;
            reason = "signature invalid: " + e.getMessage();
        } catch (OperatorCreationException | CertificateException | RuntimeException e) {
            valid = false;
            reason = "cannot verify: " + e.getMessage();
        }
        return new SmimeVerification.Signer(valid, reason, cert, chain, subject, emails, signingTime);
    }

    private static Optional<Instant> signingTime(SignerInformation si) {
        AttributeTable attrs = si.getSignedAttributes();
        if (attrs == null) {
            return Optional.empty();
        }
        Attribute a = attrs.get(CMSAttributes.signingTime);
        if (a == null || a.getAttrValues().size() != 1) {
            return Optional.empty();
        }
        try {
            return Optional.of(Time.getInstance(a.getAttrValues().getObjectAt(0)).getDate().toInstant());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static X509Certificate toJca(X509CertificateHolder holder) throws CertificateException {
        return new JcaX509CertificateConverter().setProvider(Bc.PROVIDER).getCertificate(holder);
    }

    /** Leaf first, then issuers found among the embedded certificates (by name and signature). */
    @SuppressWarnings("unchecked")
    private static List<X509Certificate> chain(X509Certificate leaf, Store<X509CertificateHolder> certs) {
        List<X509Certificate> all = new ArrayList<>();
        for (X509CertificateHolder h : (Collection<X509CertificateHolder>) certs.getMatches(null)) {
            try {
                all.add(toJca(h));
            } catch (CertificateException ignored) {
                // skip unparsable extra certificates
            }
        }
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(leaf);
        X509Certificate current = leaf;
        while (chain.size() < 10 && !current.getIssuerX500Principal().equals(current.getSubjectX500Principal())) {
            X509Certificate issuer = null;
            for (X509Certificate c : all) {
                if (!chain.contains(c) && c.getSubjectX500Principal().equals(current.getIssuerX500Principal())) {
                    try {
                        current.verify(c.getPublicKey(), Bc.PROVIDER);
                        issuer = c;
                        break;
                    } catch (Exception notThisOne) {
                        // same name, other key
                    }
                }
            }
            if (issuer == null) {
                break;
            }
            chain.add(issuer);
            current = issuer;
        }
        return chain;
    }

    static List<String> emails(X509Certificate cert) {
        Set<String> emails = new LinkedHashSet<>();
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (san.size() >= 2 && Integer.valueOf(1).equals(san.get(0)) && san.get(1) instanceof String s) {
                        emails.add(s.toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (CertificateParsingException ignored) {
            // no usable SAN
        }
        try {
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("1.2.840.113549.1.9.1")
                        || rdn.getType().equalsIgnoreCase("EMAILADDRESS")) {
                    Object v = rdn.getValue();
                    if (v instanceof String s) {
                        emails.add(s.toLowerCase(Locale.ROOT));
                    } else if (v instanceof byte[] der) {
                        ASN1Encodable e = org.bouncycastle.asn1.ASN1Primitive.fromByteArray(der);
                        emails.add(e.toString().toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (Exception ignored) {
            // subject not parsable as LDAP name
        }
        return List.copyOf(emails);
    }
}
