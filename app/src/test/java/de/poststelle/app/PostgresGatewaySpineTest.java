package de.poststelle.app;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The spine tests again with the queue in PostgreSQL, as in production. Needs the database that
 * {@code ./poststelle test} starts; skipped (and reported as skipped) without it.
 */
@EnabledIfEnvironmentVariable(named = PostgresTestSchema.URL_VARIABLE, matches = ".+",
        disabledReason = "PostgreSQL not available: run the suite with ./poststelle test")
class PostgresGatewaySpineTest extends GatewaySpineTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTestSchema.register(registry, "spine");
    }
}
