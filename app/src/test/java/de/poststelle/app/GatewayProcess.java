package de.poststelle.app;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * The gateway as a real operating-system process (same classpath as the tests), for tests that
 * kill it or give it a small heap. Mail for behoerde.example and extern.example goes to one
 * next hop on loopback.
 */
final class GatewayProcess implements AutoCloseable {

    private final Process process;
    private final int smtpPort;
    private final Path output;

    private GatewayProcess(Process process, int smtpPort, Path output) {
        this.process = process;
        this.smtpPort = smtpPort;
        this.output = output;
    }

    static GatewayProcess start(Path dataDir, int smtpPort, int nextHopPort, String maxHeap) throws IOException {
        return launch(List.of(), dataDir, smtpPort, nextHopPort, maxHeap, List.of());
    }

    /** With more {@code --key=value} arguments, e.g. another database or cluster; keys must not repeat ours. */
    static GatewayProcess start(Path dataDir, int smtpPort, int nextHopPort, String maxHeap, List<String> arguments)
            throws IOException {
        return launch(List.of(), dataDir, smtpPort, nextHopPort, maxHeap, arguments);
    }

    /**
     * With {@code ulimit -f}: no file the process writes may grow beyond {@code maxFileBytes}, and
     * a write past it fails with EFBIG ("File too large"), as on a full disk (the JVM ignores SIGXFSZ).
     */
    static GatewayProcess startWithFileSizeLimit(long maxFileBytes, Path dataDir, int smtpPort, int nextHopPort,
                                                 String maxHeap) throws IOException {
        // bash counts ulimit -f in 1024-octet blocks; only the soft limit, so prlimit can lift it again without privileges
        // Work claimed just before a write failed stays leased; a short lease lets it be taken up again soon.
        return launch(List.of("/bin/bash", "-c", "ulimit -S -f " + maxFileBytes / 1024 + " && exec \"$@\"", "gateway"),
                dataDir, smtpPort, nextHopPort, maxHeap, List.of("--poststelle.delivery.lease=30s"));
    }

    private static GatewayProcess launch(List<String> wrapper, Path dataDir, int smtpPort, int nextHopPort,
                                         String maxHeap, List<String> arguments) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(wrapper);
        // C1 only and the serial collector: the process starts much faster on a busy machine.
        command.addAll(List.of(java, "-Xmx" + maxHeap, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                PoststelleApplication.class.getName(),
                "--poststelle.data-dir=" + dataDir,
                "--server.port=0",
                "--poststelle.smtp.port=" + smtpPort,
                "--poststelle.delivery.retry-initial=1s",
                "--poststelle.delivery.retry-max=1s",
                "--poststelle.domains[0].name=behoerde.example",
                "--poststelle.domains[0].tenant=demo",
                "--poststelle.domains[0].receiving-server.host=127.0.0.1",
                "--poststelle.domains[0].receiving-server.port=" + nextHopPort,
                "--poststelle.domains[0].receiving-server.tls=NONE",
                "--poststelle.domains[0].allowed-senders[0]=127.0.0.1",
                "--poststelle.routes[0].domain=extern.example",
                "--poststelle.routes[0].host=127.0.0.1",
                "--poststelle.routes[0].port=" + nextHopPort,
                "--poststelle.routes[0].tls=NONE"));
        command.addAll(arguments);
        Path output = dataDir.resolve("gateway-" + System.nanoTime() + ".out");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("gateway exited with " + process.exitValue() + "; output in " + dataDir);
                }
                try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), smtpPort)) {
                    return true;
                } catch (IOException notYet) {
                    return false;
                }
            });
        } catch (RuntimeException notReady) {
            process.destroyForcibly(); // a gateway that never came up must not outlive the test
            throw notReady;
        }
        return new GatewayProcess(process, smtpPort, output);
    }

    /** Waits until the process has printed {@code text}: SMTP listens before the whole start is done. */
    void awaitOutput(String text) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> Files.readString(output, StandardCharsets.ISO_8859_1).contains(text));
    }

    int smtpPort() {
        return smtpPort;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hooks, nothing flushed. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
