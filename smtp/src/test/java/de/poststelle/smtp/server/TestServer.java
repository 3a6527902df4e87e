package de.poststelle.smtp.server;

import java.io.IOException;
import java.net.InetAddress;
import java.util.function.Consumer;

/** A server on an ephemeral loopback port with a {@link RecordingHandler}. */
final class TestServer implements AutoCloseable {

    static final String HOSTNAME = "mx.test";
    static final long MAX_MESSAGE_SIZE = 1024 * 1024;

    final SmtpServer server;
    final RecordingHandler handler;

    private TestServer(SmtpServerConfig config, RecordingHandler handler) throws IOException {
        this.handler = handler;
        this.server = new SmtpServer(config, handler);
        server.start();
    }

    static TestServer start() throws IOException {
        return start(config -> { });
    }

    static TestServer start(Consumer<SmtpServerConfig.Builder> settings) throws IOException {
        return start(new RecordingHandler(), settings);
    }

    static TestServer start(RecordingHandler handler, Consumer<SmtpServerConfig.Builder> settings)
            throws IOException {
        SmtpServerConfig.Builder builder = SmtpServerConfig.builder(HOSTNAME)
                .bindAddress(InetAddress.getLoopbackAddress())
                .port(0)
                .maxMessageSize(MAX_MESSAGE_SIZE);
        settings.accept(builder);
        return new TestServer(builder.build(), handler);
    }

    SmtpTestClient connect() throws IOException {
        return new SmtpTestClient(server.port());
    }

    /** A connected client that has said EHLO. */
    SmtpTestClient connectWithEhlo() throws IOException {
        SmtpTestClient client = connect();
        client.command("EHLO client.test");
        return client;
    }

    @Override
    public void close() {
        server.close();
    }
}
