package de.poststelle.app;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.UUID;

/**
 * The spine tests again with the queue in PostgreSQL, as in production. Needs the database that
 * {@code ./poststelle test} starts; skipped (and reported as skipped) without it.
 */
@EnabledIfEnvironmentVariable(named = "POSTSTELLE_TEST_JDBC_URL", matches = ".+",
        disabledReason = "PostgreSQL not available: run the suite with ./poststelle test")
class PostgresGatewaySpineTest extends GatewaySpineTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        String url = System.getenv("POSTSTELLE_TEST_JDBC_URL");
        String schema = "spine_" + UUID.randomUUID().toString().replace("-", "");
        registry.add("spring.datasource.url", () -> url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        registry.add("spring.flyway.schemas", () -> schema);
    }
}
