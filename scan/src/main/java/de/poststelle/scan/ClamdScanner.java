package de.poststelle.scan;

import de.poststelle.core.MessageSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Client for ClamAV's daemon using the {@code zINSTREAM} command over TCP or a unix domain socket:
 * the message is streamed from {@link MessageSource#open()} in chunks, each sent as a 4-byte
 * big-endian length and the data, ended by a zero-length chunk; clamd answers
 * {@code stream: OK}, {@code stream: <signature> FOUND} or an error such as
 * {@code INSTREAM size limit exceeded. ERROR}. A new connection per scan; thread-safe.
 *
 * <p>Fail closed: anything other than {@code stream: OK} after the whole message was sent is an
 * {@link ScanResult.Error} or {@link ScanResult.Infected}, never {@link ScanResult.Clean}. A message
 * longer than {@code streamMaxLength} (set it to clamd's StreamMaxLength) is not sent at all but is
 * an error: clamd would otherwise scan only a part or cut the connection.
 */
public final class ClamdScanner implements VirusScanner {

    /** Chunk size on the wire; small enough for bounded memory, large enough for few system calls. */
    static final int CHUNK_SIZE = 64 * 1024;
    private static final int MAX_REPLY = 4096;
    private static final Pattern FOUND = Pattern.compile("stream: (.+) FOUND");
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "clamd-timeout");
        thread.setDaemon(true);
        return thread;
    });

    private final ClamdAddress address;
    private final Duration connectTimeout;
    private final Duration scanTimeout;
    private final long streamMaxLength;

    /**
     * @param connectTimeout  how long to wait for the connection
     * @param scanTimeout     how long sending the message and waiting for the verdict may take in all
     * @param streamMaxLength clamd's StreamMaxLength in octets; longer messages are an error, not clean
     */
    public ClamdScanner(ClamdAddress address, Duration connectTimeout, Duration scanTimeout, long streamMaxLength) {
        if (streamMaxLength <= 0) {
            throw new IllegalArgumentException("streamMaxLength must be positive");
        }
        this.address = address;
        this.connectTimeout = connectTimeout;
        this.scanTimeout = scanTimeout;
        this.streamMaxLength = streamMaxLength;
    }

    public ClamdAddress address() {
        return address;
    }

    @Override
    public ScanResult scan(MessageSource message) {
        long size = message.size();
        if (size > streamMaxLength) {
            return new ScanResult.Error("message of " + size + " octets exceeds the scanner's stream limit of "
                    + streamMaxLength + " octets");
        }
        AtomicBoolean timedOut = new AtomicBoolean();
        try (SocketChannel channel = connect(timedOut)) {
            ScheduledFuture<?> deadline = closeAfter(channel, scanTimeout, timedOut);
            try {
                return instream(channel, message, timedOut);
            } finally {
                deadline.cancel(false);
            }
        } catch (IOException e) {
            return timedOut.get() ? timeoutError() : new ScanResult.Error("clamd at " + address + " unreachable: " + e);
        }
    }

    /** True if clamd answers {@code PING} with {@code PONG}. */
    public boolean ping() {
        AtomicBoolean timedOut = new AtomicBoolean();
        try (SocketChannel channel = connect(timedOut)) {
            ScheduledFuture<?> deadline = closeAfter(channel, scanTimeout, timedOut);
            try {
                writeFully(channel, ByteBuffer.wrap("zPING\0".getBytes(StandardCharsets.US_ASCII)));
                return "PONG".equals(readReply(channel));
            } finally {
                deadline.cancel(false);
            }
        } catch (IOException e) {
            return false;
        }
    }

    private ScanResult instream(SocketChannel channel, MessageSource message, AtomicBoolean timedOut)
            throws IOException {
        long sent = 0;
        try (InputStream in = message.open()) {
            writeFully(channel, ByteBuffer.wrap("zINSTREAM\0".getBytes(StandardCharsets.US_ASCII)));
            byte[] chunk = new byte[CHUNK_SIZE];
            ByteBuffer length = ByteBuffer.allocate(4);
            int n;
            while ((n = in.readNBytes(chunk, 0, chunk.length)) > 0) {
                sent += n;
                if (sent > streamMaxLength) {
                    return new ScanResult.Error("message exceeds the scanner's stream limit of " + streamMaxLength
                            + " octets");
                }
                length.clear();
                length.putInt(n).flip();
                writeFully(channel, length);
                writeFully(channel, ByteBuffer.wrap(chunk, 0, n));
            }
            length.clear();
            length.putInt(0).flip();
            writeFully(channel, length);
        } catch (IOException e) {
            if (timedOut.get()) {
                return timeoutError();
            }
            // clamd may have refused the stream (size limit) and closed: its reply may still be readable.
            try {
                String reply = readReply(channel);
                if (!reply.isEmpty()) {
                    return interpret(reply);
                }
            } catch (IOException ignored) {
                // no reply: report the original failure
            }
            return new ScanResult.Error("scanning at clamd " + address + " failed after " + sent + " octets: " + e);
        }
        try {
            return interpret(readReply(channel));
        } catch (IOException e) {
            return timedOut.get() ? timeoutError() : new ScanResult.Error("no reply from clamd " + address + ": " + e);
        }
    }

    static ScanResult interpret(String reply) {
        if (reply.equals("stream: OK")) {
            return new ScanResult.Clean();
        }
        Matcher found = FOUND.matcher(reply);
        if (found.matches()) {
            return new ScanResult.Infected(found.group(1));
        }
        if (reply.contains("size limit exceeded")) {
            return new ScanResult.Error("clamd refused the message: stream size limit exceeded (StreamMaxLength): "
                    + reply);
        }
        if (reply.isEmpty()) {
            return new ScanResult.Error("clamd closed the connection without a verdict");
        }
        return new ScanResult.Error("clamd: " + reply);
    }

    private ScanResult.Error timeoutError() {
        return new ScanResult.Error("clamd " + address + " timed out (connect " + connectTimeout.toMillis()
                + " ms, scan " + scanTimeout.toMillis() + " ms)");
    }

    private SocketChannel connect(AtomicBoolean timedOut) throws IOException {
        SocketAddress target = address.resolve();
        SocketChannel channel = target instanceof UnixDomainSocketAddress
                ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
        ScheduledFuture<?> deadline = closeAfter(channel, connectTimeout, timedOut);
        try {
            channel.connect(target);
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        } finally {
            deadline.cancel(false);
        }
    }

    /** Blocking channels have no read timeout: a watchdog closes the channel, which ends any blocked call. */
    private static ScheduledFuture<?> closeAfter(SocketChannel channel, Duration timeout, AtomicBoolean timedOut) {
        return WATCHDOG.schedule(() -> {
            timedOut.set(true);
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing is all we can do
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void writeFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Reads up to the terminating NUL (or the end of the stream); without it and surrounding blanks. */
    private static String readReply(SocketChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_REPLY);
        outer:
        while (buffer.hasRemaining()) {
            int start = buffer.position();
            if (channel.read(buffer) < 0) {
                break;
            }
            for (int i = start; i < buffer.position(); i++) {
                if (buffer.get(i) == 0) {
                    buffer.position(i);
                    break outer;
                }
            }
        }
        buffer.flip();
        return StandardCharsets.US_ASCII.decode(buffer).toString().strip();
    }
}
