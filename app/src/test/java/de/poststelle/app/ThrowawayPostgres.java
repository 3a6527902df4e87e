package de.poststelle.app;

import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server of a test's own, which the test may stop and start again, unlike the shared
 * one of {@code ./poststelle test}. Run by {@code scripts/test-postgres.sh} on a free loopback port
 * with its data under /tmp.
 */
final class ThrowawayPostgres implements AutoCloseable {

    private static final Path SCRIPT = Path.of("../scripts/test-postgres.sh");

    private final Path dir;
    private final int port;
    private final String jdbcUrl;

    private ThrowawayPostgres(Path dir, int port, String jdbcUrl) {
        this.dir = dir;
        this.port = port;
        this.jdbcUrl = jdbcUrl;
    }

    /** Whether the PostgreSQL server binaries are installed (Debian package postgresql). */
    static boolean installed() {
        try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.anyMatch(version -> Files.isExecutable(version.resolve("bin/pg_ctl")));
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs the tests needing it where it is installed, and always on CI, where its absence must fail. */
    static boolean installedOrCi() {
        return installed() || "true".equals(System.getenv("CI"));
    }

    static ThrowawayPostgres start() throws IOException {
        int port = GatewayProcess.freePort();
        // Not created here: the script creates it for the postgres user, who must be able to enter it.
        Path dir = Path.of("/tmp/poststelle-fault-pg-" + ProcessHandle.current().pid() + "-" + port);
        return new ThrowawayPostgres(dir, port, run(dir, port, "start").strip());
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    /** Fast shutdown: open sessions are terminated, as when the database server is restarted. */
    void stop() throws IOException {
        run(dir, port, "stop");
    }

    void resume() throws IOException {
        run(dir, port, "resume");
    }

    /** Stops the server and deletes its data. */
    @Override
    public void close() throws IOException {
        stop();
        FileSystemUtils.deleteRecursively(dir);
        Files.deleteIfExists(Path.of(dir + ".initdb.log"));
    }

    private static String run(Path dir, int port, String command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(SCRIPT.toString(), command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("POSTSTELLE_PG_DIR", dir.toString());
        builder.environment().put("POSTSTELLE_PG_PORT", String.valueOf(port));
        Process process = builder.start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("test-postgres.sh " + command + " failed: " + output);
            }
            return output;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
