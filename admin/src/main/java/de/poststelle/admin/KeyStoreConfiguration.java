package de.poststelle.admin;

import de.poststelle.core.keys.KeyDirectory;
import de.poststelle.crypto.discovery.DiscoveringKeyDirectory;
import de.poststelle.crypto.discovery.KeyDiscovery;
import de.poststelle.crypto.discovery.LdapCertificateLookup;
import de.poststelle.crypto.discovery.WkdLookup;
import de.poststelle.crypto.keys.CertificateTrust;
import de.poststelle.crypto.keys.StoredKeyDirectory;
import de.poststelle.store.keys.KeyRepository;
import de.poststelle.store.keys.MasterKey;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.net.ssl.SSLContext;
import javax.sql.DataSource;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Optional;

/**
 * The key and certificate store: the master key that seals private keys, trust decisions, and the
 * {@link KeyDirectory} the crypto stages of the pipeline ask.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({KeyStoreProperties.class, DiscoveryProperties.class})
public class KeyStoreConfiguration {

    /** Like the self-signed TLS certificate, the default master key is generated under the data directory. */
    @Bean
    MasterKey masterKey(KeyStoreProperties properties, @Value("${poststelle.data-dir:./data}") Path dataDir) {
        return MasterKey.load(properties.masterKey(), dataDir.resolve("keys").resolve("master.key"));
    }

    @Bean
    KeyRepository keyRepository(DataSource dataSource, MasterKey masterKey) {
        return new KeyRepository(dataSource, masterKey);
    }

    @Bean
    CertificateTrust certificateTrust(KeyStoreProperties properties, Clock clock) {
        return new CertificateTrust(properties.revocation(), properties.trustCache(), clock);
    }

    /** With key discovery configured, recipients the store has no key for are looked up. */
    @Bean
    KeyDirectory keyDirectory(KeyRepository keys, CertificateTrust trust, Clock clock, DiscoveryProperties discovery)
            throws NoSuchAlgorithmException {
        KeyDirectory store = new StoredKeyDirectory(keys, trust, clock);
        if (!discovery.enabled()) {
            return store;
        }
        Optional<WkdLookup> wkd = discovery.wkd().enabled()
                ? Optional.of(new WkdLookup(discovery.timeout(), clock, SSLContext.getDefault(), Optional.empty()))
                : Optional.empty();
        return new DiscoveringKeyDirectory(store, keys, new KeyDiscovery(new LdapCertificateLookup(
                discovery.directories()), wkd, clock, discovery.cacheFound(), discovery.cacheNotFound()), clock);
    }
}
