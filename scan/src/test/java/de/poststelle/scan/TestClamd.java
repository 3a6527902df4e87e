package de.poststelle.scan;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * A real clamd for tests, shared by all tests of one JVM: the one named in
 * {@code POSTSTELLE_TEST_CLAMD} (e.g. {@code tcp:127.0.0.1:3310}), or else one started here in the
 * foreground from Debian's {@code clamav-daemon} package, on a free loopback port, with only the
 * project's own test signature database ({@code poststelle-test.ndb}: EICAR, no download, no
 * freshclam). Tests are skipped, with a clear reason, only when no clamd is installed at all, and
 * never under CI.
 */
public final class TestClamd {

    /** clamd's StreamMaxLength in the started daemon. */
    public static final long STREAM_MAX_LENGTH = 2 * 1024 * 1024;
    /** The name clamd reports for the test signature (it appends .UNOFFICIAL to non-official databases). */
    public static final String SIGNATURE = "Poststelle.Test.EICAR.UNOFFICIAL";

    private static String address;

    private TestClamd() {
    }

    /** The EICAR anti-virus test string, built from two halves so this file itself is not "infected". */
    public static String eicar() {
        return "X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
    }

    /** Address of a running clamd, starting one if needed; skips the test if clamd is not installed. */
    public static synchronized String address() {
        if (address != null) {
            return address;
        }
        String configured = System.getenv("POSTSTELLE_TEST_CLAMD");
        if (configured != null && !configured.isBlank()) {
            address = configured.strip();
            return address;
        }
        Path binary = Stream.of("/usr/sbin/clamd", "/usr/bin/clamd", "/usr/local/sbin/clamd")
                .map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
        String missing = "clamd is not installed (apt-get install clamav-daemon) and POSTSTELLE_TEST_CLAMD is unset";
        if (binary == null && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException(missing + "; the virus scanning tests must run under CI");
        }
        Assumptions.assumeTrue(binary != null, "SKIPPED: " + missing);
        try {
            address = start(binary);
            return address;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start clamd for tests", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String start(Path binary) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("poststelle-clamd");
        Path db = Files.createDirectories(dir.resolve("db"));
        try (InputStream signatures = TestClamd.class.getResourceAsStream("/poststelle-test.ndb")) {
            Files.copy(signatures, db.resolve("poststelle-test.ndb"));
        }
        int port = freePort();
        Path config = dir.resolve("clamd.conf");
        boolean root = "root".equals(System.getProperty("user.name"));
        Files.writeString(config, String.join("\n",
                "Foreground yes",
                "TCPSocket " + port,
                "TCPAddr 127.0.0.1",
                "DatabaseDirectory " + db,
                "TemporaryDirectory " + Files.createDirectories(dir.resolve("tmp")),
                "LogFile " + dir.resolve("clamd.log"),
                "StreamMaxLength " + STREAM_MAX_LENGTH,
                "SelfCheck 0",
                root ? "User root" : "# running as an unprivileged user: no User switch",
                ""));
        Process process = new ProcessBuilder(binary.toString(), "--foreground", "--config-file=" + config)
                .redirectErrorStream(true).redirectOutput(dir.resolve("clamd.out").toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
        String started = "tcp:127.0.0.1:" + port;
        ClamdScanner probe = new ClamdScanner(ClamdAddress.parse(started), Duration.ofSeconds(1),
                Duration.ofSeconds(5), STREAM_MAX_LENGTH);
        Instant until = Instant.now().plusSeconds(90);
        while (!probe.ping()) {
            if (!process.isAlive() || Instant.now().isAfter(until)) {
                process.destroy();
                throw new IOException("clamd did not come up; see " + dir.resolve("clamd.out") + ":\n"
                        + Files.readString(dir.resolve("clamd.out")));
            }
            Thread.sleep(100);
        }
        return started;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
