package de.poststelle.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * packaging/systemd/poststelle.service passes {@code systemd-analyze verify}: no unknown or
 * misspelt directive, a valid sandbox, an executable command line. Needs the package systemd;
 * skipped without it, except in CI.
 */
class SystemdUnitTest {

    private static final Path UNIT = Path.of("../packaging/systemd/poststelle.service");
    private static final Path SYSTEMD_ANALYZE = Path.of("/usr/bin/systemd-analyze");

    @Test
    void unitPassesSystemdAnalyzeVerify(@TempDir Path directory) throws IOException, InterruptedException {
        if (!"true".equals(System.getenv("CI"))) {
            assumeTrue(Files.isExecutable(SYSTEMD_ANALYZE), "systemd-analyze not installed (apt-get install systemd)");
        }
        // verify checks that the command exists; the JDK running this test stands in for /usr/bin/java.
        String java = ProcessHandle.current().info().command().orElseThrow();
        Path unit = directory.resolve("poststelle.service");
        Files.writeString(unit, Files.readString(UNIT).replace("ExecStart=/usr/bin/java ", "ExecStart=" + java + " "));

        Process verify = new ProcessBuilder(SYSTEMD_ANALYZE.toString(), "verify", unit.toString())
                .redirectErrorStream(true).start();
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(verify.exitValue()).as(output).isZero();
        // Unknown directives are only warned about, with the exit status still 0.
        assertThat(output.lines().filter(line -> line.contains("poststelle.service"))).as(output).isEmpty();
    }
}
