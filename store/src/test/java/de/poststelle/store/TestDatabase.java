package de.poststelle.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * A migrated, empty database for one test: an H2 file database, or a fresh schema in the
 * PostgreSQL that {@code ./poststelle test} starts (URL in {@code POSTSTELLE_TEST_JDBC_URL}).
 */
public enum TestDatabase {
    H2, POSTGRESQL;

    public HikariDataSource create() throws Exception {
        HikariConfig config = new HikariConfig();
        config.setMaximumPoolSize(20);
        String schema = null;
        if (this == H2) {
            Path dir = Files.createTempDirectory("poststelle-h2");
            config.setJdbcUrl("jdbc:h2:file:" + dir.resolve("queue") + ";WRITE_DELAY=0");
        } else {
            String url = System.getenv("POSTSTELLE_TEST_JDBC_URL");
            Assumptions.assumeTrue(url != null && !url.isBlank(),
                    "SKIPPED: PostgreSQL not available (POSTSTELLE_TEST_JDBC_URL unset; run ./poststelle test)");
            schema = "t_" + UUID.randomUUID().toString().replace("-", "");
            config.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        }
        HikariDataSource dataSource = new HikariDataSource(config);
        var flyway = Flyway.configure().dataSource(dataSource);
        if (schema != null) {
            flyway.schemas(schema).createSchemas(true);
        }
        flyway.load().migrate();
        return dataSource;
    }
}
