package de.poststelle.app;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
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

    private GatewayProcess(Process process, int smtpPort) {
        this.process = process;
        this.smtpPort = smtpPort;
    }

    static GatewayProcess start(Path dataDir, int smtpPort, int nextHopPort, String maxHeap) throws IOException {
        return start(dataDir, smtpPort, nextHopPort, maxHeap, List.of());
    }

    /** With more {@code --key=value} arguments, e.g. another database or cluster; keys must not repeat ours. */
    static GatewayProcess start(Path dataDir, int smtpPort, int nextHopPort, String maxHeap, List<String> moreArguments)
            throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        // C1 only and the serial collector: the process starts much faster on a busy machine.
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + maxHeap, "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
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
        command.addAll(moreArguments);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("gateway-" + System.nanoTime() + ".out").toFile())
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
        return new GatewayProcess(process, smtpPort);
    }

    int smtpPort() {
        return smtpPort;
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
