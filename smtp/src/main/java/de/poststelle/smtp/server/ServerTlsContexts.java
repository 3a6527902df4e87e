package de.poststelle.smtp.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/** Builds the {@link SSLContext} the server uses for STARTTLS from the usual key and certificate files. */
public final class ServerTlsContexts {

    private ServerTlsContexts() {
    }

    /**
     * The embedded default: uses {@code pkcs12File}, creating it with a self-signed certificate
     * for {@code hostname} first if it does not exist yet.
     */
    public static SSLContext selfSigned(Path pkcs12File, char[] password, String hostname)
            throws IOException, GeneralSecurityException {
        if (!Files.exists(pkcs12File)) {
            SelfSignedCertificate.create(pkcs12File, password, hostname);
        }
        return fromPkcs12(pkcs12File, password);
    }

    /** A PKCS#12 file holding one private key with its certificate chain; key and file share the password. */
    public static SSLContext fromPkcs12(Path pkcs12File, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(pkcs12File)) {
            store.load(in, password);
        }
        return fromKeyStore(store, password);
    }

    /**
     * PEM files as issued by most CAs and ACME clients: the certificate chain (leaf first) and an
     * unencrypted private key (PKCS#8, or PKCS#1 / SEC 1 in OpenSSL's traditional format).
     */
    public static SSLContext fromPem(Path certificateChain, Path privateKey) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> chain;
        try (InputStream in = Files.newInputStream(certificateChain)) {
            chain = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (chain.isEmpty()) {
            throw new GeneralSecurityException("no certificate in " + certificateChain);
        }
        char[] password = new char[0];
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(SelfSignedCertificate.ALIAS, readPrivateKey(privateKey), password,
                chain.toArray(Certificate[]::new));
        return fromKeyStore(store, password);
    }

    private static PrivateKey readPrivateKey(Path file) throws IOException, GeneralSecurityException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (object instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                }
            }
        }
        throw new GeneralSecurityException("no unencrypted private key in " + file);
    }

    private static SSLContext fromKeyStore(KeyStore store, char[] password) throws GeneralSecurityException {
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), new TrustManager[] {new UnverifiedClientCertificates()}, null);
        return context;
    }
}
