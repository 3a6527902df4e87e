package de.poststelle.crypto.pgp;

import de.poststelle.crypto.RequiredTool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's gpg with its own throwaway home directory, never touching the user's keyring.
 * Without gpg the interop tests are skipped, except under CI (CI=true), where they fail. Shared
 * with the app's end-to-end test.
 */
public final class Gpg {
    static final Path BINARY = Path.of("/usr/bin/gpg");

    public record Result(int exit, byte[] stdout, String stderr) {
        public boolean ok() {
            return exit == 0;
        }

        public String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    private final Path home;

    /** A fresh GNUPGHOME under {@code dir}. */
    public Gpg(Path dir) throws IOException {
        requireAvailable();
        home = Files.createDirectory(dir.resolve("gnupg"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    public static void requireAvailable() {
        RequiredTool.require(BINARY, "apt-get install gnupg", "gpg interop tests");
    }

    public Result run(byte[] stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "--homedir", home.toString(), "--batch",
                "--no-tty", "--pinentry-mode", "loopback", "--passphrase", "", "--trust-model", "always"));
        cmd.addAll(List.of(args));
        Path stderr = Files.createTempFile(home.getParent(), "gpg", ".err");
        Process p = new ProcessBuilder(cmd).redirectError(stderr.toFile()).start();
        Thread feeder = Thread.ofVirtual().start(() -> {
            try (var in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            } catch (IOException ignored) {
                // gpg exited early; its exit code tells why
            }
        });
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("gpg timed out: " + cmd);
        }
        feeder.join();
        return new Result(p.exitValue(), out, Files.readString(stderr));
    }

    public Result run(String... args) throws IOException, InterruptedException {
        return run(null, args);
    }

    public Result ok(byte[] stdin, String... args) throws IOException, InterruptedException {
        Result r = run(stdin, args);
        if (!r.ok()) {
            throw new AssertionError("gpg " + String.join(" ", args) + " failed (" + r.exit() + "): " + r.stderr());
        }
        return r;
    }

    /** Generates a signing primary key and an encryption subkey without passphrase, returns the fingerprint. */
    public String generate(String userId, String primaryAlgorithm, String subkeyAlgorithm)
            throws IOException, InterruptedException {
        ok(null, "--quick-generate-key", userId, primaryAlgorithm, "sign,cert", "never");
        String colons = ok(null, "--with-colons", "--list-keys", userId).out();
        String fingerprint = colons.lines().filter(l -> l.startsWith("fpr:")).findFirst().orElseThrow().split(":")[9];
        ok(null, "--quick-add-key", fingerprint, subkeyAlgorithm, "encr", "never");
        return fingerprint;
    }

    public byte[] exportPublic(String fingerprint) throws IOException, InterruptedException {
        return ok(null, "--export", fingerprint).stdout();
    }

    public byte[] exportSecret(String fingerprint) throws IOException, InterruptedException {
        return ok(null, "--export-secret-keys", fingerprint).stdout();
    }

    public void importKey(byte[] key) throws IOException, InterruptedException {
        ok(key, "--import");
    }
}
