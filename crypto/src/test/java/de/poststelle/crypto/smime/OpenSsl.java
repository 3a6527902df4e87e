package de.poststelle.crypto.smime;

import de.poststelle.crypto.RequiredTool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
        RequiredTool.require(BINARY, "apt-get install openssl", "openssl interop tests");
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
