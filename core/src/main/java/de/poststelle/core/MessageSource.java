package de.poststelle.core;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Message content that can be read more than once without holding it in memory: a spooled file,
 * rows in the queue database, or the output of a stage. Every call to {@link #open()} starts at
 * the first byte; the caller closes the stream.
 */
public interface MessageSource {

    InputStream open() throws IOException;

    /** Size in octets. */
    long size();

    /** Content that is small enough to hold in memory, such as a bounce. */
    static MessageSource ofBytes(byte[] content) {
        byte[] copy = content.clone();
        return new MessageSource() {
            @Override
            public InputStream open() {
                return new ByteArrayInputStream(copy);
            }

            @Override
            public long size() {
                return copy.length;
            }
        };
    }
}
