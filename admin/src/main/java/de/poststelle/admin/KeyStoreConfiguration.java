package de.poststelle.admin;

import de.poststelle.core.keys.KeyDirectory;
import de.poststelle.crypto.keys.CertificateTrust;
import de.poststelle.crypto.keys.StoredKeyDirectory;
import de.poststelle.store.keys.KeyRepository;
import de.poststelle.store.keys.MasterKey;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The key and certificate store: the master key that seals private keys, trust decisions, and the
 * {@link KeyDirectory} the crypto stages of the pipeline ask.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KeyStoreProperties.class)
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

    @Bean
    KeyDirectory keyDirectory(KeyRepository keys, CertificateTrust trust, Clock clock) {
        return new StoredKeyDirectory(keys, trust, clock);
    }
}
