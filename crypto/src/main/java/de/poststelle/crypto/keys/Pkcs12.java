package de.poststelle.crypto.keys;

import de.poststelle.core.keys.PrivateKeyEntry;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Reads the one private key and its certificate chain from a PKCS#12 file, as CAs and mail clients export them. */
public final class Pkcs12 {

    private Pkcs12() {
    }

    public static PrivateKeyEntry read(byte[] file, char[] password) {
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(file), password);
        } catch (IOException e) {
            if (e.getCause() instanceof javax.crypto.BadPaddingException
                    || e.getCause() instanceof java.security.UnrecoverableKeyException
                    || String.valueOf(e.getMessage()).contains("password")) {
                throw new KeyMaterialException("pkcs12-password", "the PKCS#12 password is wrong", e);
            }
            throw new KeyMaterialException("not-pkcs12", "the file is not a PKCS#12 file (.p12/.pfx)", e);
        } catch (GeneralSecurityException e) {
            throw new KeyMaterialException("not-pkcs12", "the file is not a PKCS#12 file (.p12/.pfx)", e);
        }
        try {
            List<PrivateKeyEntry> entries = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    Key key = store.getKey(alias, password);
                    Certificate[] chain = store.getCertificateChain(alias);
                    if (key instanceof PrivateKey privateKey && chain != null && chain.length > 0) {
                        List<X509Certificate> certificates = new ArrayList<>();
                        for (Certificate certificate : chain) {
                            certificates.add((X509Certificate) certificate);
                        }
                        entries.add(new PrivateKeyEntry(privateKey, certificates));
                    }
                }
            }
            if (entries.size() != 1) {
                throw new KeyMaterialException("pkcs12-entries", "the PKCS#12 file must hold exactly one private key "
                        + "with its certificate, not " + entries.size());
            }
            return entries.getFirst();
        } catch (GeneralSecurityException e) {
            throw new KeyMaterialException("pkcs12-password", "the private key in the PKCS#12 file cannot be opened "
                    + "with this password", e);
        }
    }
}
