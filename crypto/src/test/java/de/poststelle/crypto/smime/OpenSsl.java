package de.poststelle.crypto.smime;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real openssl CLI. */
public final class OpenSsl {
    static final Path BINARY = Path.of("/usr/bin/openssl");

    public record Result(int exit, String output) {
        public boolean ok() {
            return exit == 0;
        }
    }

    public static void assumeAvailable() {
        assumeTrue(Files.isExecutable(BINARY),
                "SKIPPED: /usr/bin/openssl is not installed (apt-get install openssl); openssl interop tests skipped");
    }

    public static Result run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(BINARY.toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("openssl timed out: " + cmd);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
