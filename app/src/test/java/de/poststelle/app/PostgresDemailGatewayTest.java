package de.poststelle.app;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The De-Mail bridge tests again on PostgreSQL; skipped (and reported as skipped) without it. */
@EnabledIfEnvironmentVariable(named = PostgresTestSchema.URL_VARIABLE, matches = ".+",
        disabledReason = "PostgreSQL not available: run the suite with ./poststelle test")
class PostgresDemailGatewayTest extends DemailGatewayTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTestSchema.register(registry, "demail");
    }
}
