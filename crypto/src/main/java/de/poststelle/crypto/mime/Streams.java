package de.poststelle.crypto.mime;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Small stream helpers (no crypto here). */
public final class Streams {
    private Streams() {
    }

    /** Passes everything through but does not close the wrapped stream. */
    public static OutputStream closeShield(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
    }

    /**
     * Rewrites bare LF and bare CR to CRLF, the canonical line end S/MIME and PGP/MIME require (RFC 8551
     * section 3.1.1, RFC 3156 section 5). CRLF passes unchanged.
     */
    public static OutputStream canonicalLineEnds(OutputStream out) {
        return new FilterOutputStream(out) {
            private boolean lastCr;

            @Override
            public void write(int b) throws IOException {
                if (b == '\n') {
                    if (!lastCr) {
                        out.write('\r');
                    }
                    out.write('\n');
                    lastCr = false;
                } else {
                    if (lastCr) {
                        out.write('\n');
                    }
                    out.write(b);
                    lastCr = b == '\r';
                }
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                // Fast path: copy runs without CR/LF in one call.
                int start = off;
                int end = off + len;
                for (int i = off; i < end; i++) {
                    byte c = b[i];
                    if (c == '\r' || c == '\n') {
                        if (i > start) {
                            flushRun(b, start, i);
                        }
                        write(c);
                        start = i + 1;
                    }
                }
                if (end > start) {
                    flushRun(b, start, end);
                }
            }

            private void flushRun(byte[] b, int from, int to) throws IOException {
                if (lastCr) {
                    out.write('\n');
                    lastCr = false;
                }
                out.write(b, from, to - from);
            }

            @Override
            public void close() throws IOException {
                if (lastCr) {
                    out.write('\n');
                    lastCr = false;
                }
                super.close();
            }
        };
    }
}
