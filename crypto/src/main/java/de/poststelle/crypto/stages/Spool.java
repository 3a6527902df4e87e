package de.poststelle.crypto.stages;

import de.poststelle.core.MessageSource;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Content a stage produced (encrypted, signed, decrypted), kept in a temporary file so that large
 * mail stays out of the heap. Closing deletes the file; the pipeline does that once the result is
 * stored.
 */
final class Spool implements MessageSource, AutoCloseable {

    /** Writes the content of a new spool. */
    @FunctionalInterface
    interface Writer {
        void writeTo(OutputStream out) throws Exception;
    }

    private final Path file;

    private Spool(Path file) {
        this.file = file;
    }

    static Spool write(Writer writer) throws Exception {
        Path file = Files.createTempFile("poststelle-", ".eml");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)) {
            writer.writeTo(out);
        } catch (Exception | Error e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return new Spool(file);
    }

    @Override
    public InputStream open() throws IOException {
        return Files.newInputStream(file);
    }

    @Override
    public long size() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }
}
