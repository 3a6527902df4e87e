package de.poststelle.store;

import de.poststelle.core.MessageSource;

import javax.sql.DataSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * Message content stored as numbered chunks. Reading fetches one chunk at a time on a short-lived
 * connection, so a 50 MB message never sits in memory and never pins a connection for long.
 */
final class ChunkedContent implements MessageSource {

    static final int CHUNK_SIZE = 256 * 1024;

    private final DataSource dataSource;
    private final long messageId;
    private final byte[] prependedHeaders;
    private final long bodySize;

    ChunkedContent(DataSource dataSource, long messageId, String prependedHeaders, long bodySize) {
        this.dataSource = dataSource;
        this.messageId = messageId;
        this.prependedHeaders = prependedHeaders == null ? new byte[0] : prependedHeaders.getBytes(StandardCharsets.UTF_8);
        this.bodySize = bodySize;
    }

    @Override
    public InputStream open() {
        return new SequenceInputStream(new ByteArrayInputStream(prependedHeaders), new ChunkStream());
    }

    @Override
    public long size() {
        return prependedHeaders.length + bodySize;
    }

    /** Writes {@code content} as chunks of {@code messageId}; returns the number of octets written. */
    static long write(Connection connection, long messageId, InputStream content) throws SQLException, IOException {
        byte[] buffer = new byte[CHUNK_SIZE];
        long total = 0;
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO message_chunk (message_id, seq, data) VALUES (?, ?, ?)")) {
            for (int seq = 0; ; seq++) {
                int read = content.readNBytes(buffer, 0, CHUNK_SIZE);
                if (read == 0) {
                    break;
                }
                insert.setLong(1, messageId);
                insert.setInt(2, seq);
                insert.setBytes(3, read == CHUNK_SIZE ? buffer : Arrays.copyOf(buffer, read));
                insert.executeUpdate();
                total += read;
                if (read < CHUNK_SIZE) {
                    break;
                }
            }
        }
        return total;
    }

    private final class ChunkStream extends InputStream {
        private int nextSeq;
        private byte[] chunk = new byte[0];
        private int position;
        private boolean exhausted;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (position == chunk.length) {
                if (exhausted || !fetchNext()) {
                    exhausted = true;
                    return -1;
                }
            }
            int count = Math.min(length, chunk.length - position);
            System.arraycopy(chunk, position, target, offset, count);
            position += count;
            return count;
        }

        private boolean fetchNext() throws IOException {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement select = connection.prepareStatement(
                         "SELECT data FROM message_chunk WHERE message_id = ? AND seq = ?")) {
                select.setLong(1, messageId);
                select.setInt(2, nextSeq);
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        return false;
                    }
                    chunk = rows.getBytes(1);
                    position = 0;
                    nextSeq++;
                    return true;
                }
            } catch (SQLException e) {
                throw new IOException("cannot read message content from the queue: " + e.getMessage(), e);
            }
        }
    }
}
