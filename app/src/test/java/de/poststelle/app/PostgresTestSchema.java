package de.poststelle.app;

import org.springframework.test.context.DynamicPropertyRegistry;

import java.util.UUID;

/** Points a test's gateway at a fresh schema of the PostgreSQL that {@code ./poststelle test} starts. */
final class PostgresTestSchema {

    static final String URL_VARIABLE = "POSTSTELLE_TEST_JDBC_URL";

    private PostgresTestSchema() {
    }

    static void register(DynamicPropertyRegistry registry, String prefix) {
        String url = System.getenv(URL_VARIABLE);
        String schema = prefix + "_" + UUID.randomUUID().toString().replace("-", "");
        registry.add("spring.datasource.url", () -> url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        registry.add("spring.flyway.schemas", () -> schema);
    }
}
