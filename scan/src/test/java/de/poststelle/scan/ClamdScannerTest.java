package de.poststelle.scan;

import de.poststelle.core.MessageSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link ClamdScanner} against a real clamd (see {@link TestClamd}); no mocks. */
class ClamdScannerTest {

    private static ClamdScanner scanner;

    @BeforeAll
    static void clamd() {
        scanner = new ClamdScanner(ClamdAddress.parse(TestClamd.address()), Duration.ofSeconds(2),
                Duration.ofSeconds(30), TestClamd.STREAM_MAX_LENGTH);
    }

    private static MessageSource mail(String body) {
        return MessageSource.ofBytes(("From: a@behoerde.example\r\nTo: b@extern.example\r\nSubject: test\r\n\r\n"
                + body + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void answersPing() {
        assertThat(scanner.ping()).isTrue();
    }

    @Test
    void cleanMailIsClean() {
        assertThat(scanner.scan(mail("Hallo,\r\nnichts Schlimmes hier.\r\n"))).isEqualTo(new ScanResult.Clean());
    }

    @Test
    void eicarInTheBodyIsFound() {
        assertThat(scanner.scan(mail(TestClamd.eicar()))).isEqualTo(new ScanResult.Infected(TestClamd.SIGNATURE));
    }

    @Test
    void eicarInsideAZipAttachmentIsFound() throws IOException {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("rechnung.txt"));
            out.write(TestClamd.eicar().getBytes(StandardCharsets.US_ASCII));
            out.closeEntry();
        }
        assertThat(zip.toString(StandardCharsets.ISO_8859_1)).as("compressed: not visible in the raw mail")
                .doesNotContain("EICAR");
        String message = """
                From: a@behoerde.example\r
                To: b@extern.example\r
                Subject: Rechnung\r
                MIME-Version: 1.0\r
                Content-Type: multipart/mixed; boundary="b1"\r
                \r
                --b1\r
                Content-Type: text/plain; charset=utf-8\r
                \r
                Anbei die Rechnung.\r
                --b1\r
                Content-Type: application/zip; name="rechnung.zip"\r
                Content-Transfer-Encoding: base64\r
                Content-Disposition: attachment; filename="rechnung.zip"\r
                \r
                """ + Base64.getMimeEncoder().encodeToString(zip.toByteArray()) + "\r\n--b1--\r\n";
        assertThat(scanner.scan(MessageSource.ofBytes(message.getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo(new ScanResult.Infected(TestClamd.SIGNATURE));
    }

    @Test
    void largeMessageIsStreamedInChunks() {
        // 1.9 MB (under clamd's StreamMaxLength of 2 MiB, many chunks) with EICAR at its very end; the
        // test JVM has a small heap and the source produces its bytes on the fly.
        long size = TestClamd.STREAM_MAX_LENGTH - 100_000;
        assertThat(scanner.scan(generated(size, TestClamd.eicar()))).isEqualTo(new ScanResult.Infected(TestClamd.SIGNATURE));
    }

    @Test
    void messageOverClamdsStreamLimitIsAnErrorNeverClean() {
        // The client believes the limit is higher than clamd's: clamd cuts the stream off itself.
        ClamdScanner misconfigured = new ClamdScanner(ClamdAddress.parse(TestClamd.address()), Duration.ofSeconds(2),
                Duration.ofSeconds(30), 100L * 1024 * 1024);
        ScanResult result = misconfigured.scan(generated(TestClamd.STREAM_MAX_LENGTH + 1_000_000, ""));
        assertThat(result).isInstanceOf(ScanResult.Error.class);
    }

    @Test
    void messageOverTheConfiguredLimitIsAnErrorWithoutBeingSent() {
        ScanResult result = scanner.scan(generated(TestClamd.STREAM_MAX_LENGTH + 1, ""));
        assertThat(result).isInstanceOfSatisfying(ScanResult.Error.class,
                e -> assertThat(e.reason()).contains("exceeds the scanner's stream limit"));
    }

    @Test
    void clamdDownIsAnError() throws IOException {
        ClamdScanner down = new ClamdScanner(ClamdAddress.parse("tcp:127.0.0.1:" + TestClamd.freePort()),
                Duration.ofSeconds(2), Duration.ofSeconds(5), TestClamd.STREAM_MAX_LENGTH);
        assertThat(down.scan(mail("hallo"))).isInstanceOf(ScanResult.Error.class);
        assertThat(down.ping()).isFalse();
    }

    @Test
    void missingUnixSocketIsAnError() {
        ClamdScanner down = new ClamdScanner(ClamdAddress.parse("unix:/nonexistent/clamd.ctl"),
                Duration.ofSeconds(2), Duration.ofSeconds(5), TestClamd.STREAM_MAX_LENGTH);
        assertThat(down.scan(mail("hallo"))).isInstanceOf(ScanResult.Error.class);
    }

    @Test
    void clamdThatNeverAnswersTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = silent.accept()) {
                    s.getInputStream().transferTo(OutputStreamSink.INSTANCE); // read everything, answer nothing
                } catch (IOException ignored) {
                    // test over
                }
            });
            ClamdScanner hanging = new ClamdScanner(ClamdAddress.parse("tcp:127.0.0.1:" + silent.getLocalPort()),
                    Duration.ofSeconds(2), Duration.ofMillis(500), TestClamd.STREAM_MAX_LENGTH);
            long start = System.nanoTime();
            assertThat(hanging.scan(mail("hallo"))).isInstanceOfSatisfying(ScanResult.Error.class,
                    e -> assertThat(e.reason()).contains("timed out"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void repliesAreInterpretedStrictly() {
        assertThat(ClamdScanner.interpret("stream: OK")).isEqualTo(new ScanResult.Clean());
        assertThat(ClamdScanner.interpret("stream: Win.Test.EICAR_HDB-1 FOUND"))
                .isEqualTo(new ScanResult.Infected("Win.Test.EICAR_HDB-1"));
        assertThat(ClamdScanner.interpret("INSTREAM size limit exceeded. ERROR")).isInstanceOf(ScanResult.Error.class);
        assertThat(ClamdScanner.interpret("")).isInstanceOf(ScanResult.Error.class);
        assertThat(ClamdScanner.interpret("stream: OK?")).isInstanceOf(ScanResult.Error.class);
    }

    /** {@code size} octets of harmless mail text, produced while read, ending with {@code tail}. */
    static MessageSource generated(long size, String tail) {
        byte[] head = "Subject: gross\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] end = (tail + "\r\n").getBytes(StandardCharsets.US_ASCII);
        return new MessageSource() {
            @Override
            public InputStream open() {
                return new InputStream() {
                    long pos;

                    @Override
                    public int read() {
                        if (pos >= size) {
                            return -1;
                        }
                        long p = pos++;
                        if (p < head.length) {
                            return head[(int) p];
                        }
                        long fromEnd = size - p;
                        if (fromEnd <= end.length) {
                            return end[(int) (end.length - fromEnd)];
                        }
                        long column = (p - head.length) % 78;
                        return column == 76 ? '\r' : column == 77 ? '\n' : 'a' + (int) (column % 26);
                    }
                };
            }

            @Override
            public long size() {
                return size;
            }
        };
    }

    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }
    }
}
