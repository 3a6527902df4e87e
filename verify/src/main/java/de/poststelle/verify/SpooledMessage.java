package de.poststelle.verify;

import de.poststelle.core.MessageSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A rewritten message in a temporary file. The pipeline hands the new body to the queue after the
 * stage has returned, so the stage cannot delete the file itself: it goes when this source is no
 * longer referenced (and at the latest when the JVM exits).
 */
final class SpooledMessage implements MessageSource {

    private static final Cleaner CLEANER = Cleaner.create();

    private final Path file;
    private final long size;

    SpooledMessage(Path file) throws IOException {
        this.file = file;
        this.size = Files.size(file);
        file.toFile().deleteOnExit();
        CLEANER.register(this, () -> deleteQuietly(file));
    }

    @Override
    public InputStream open() throws IOException {
        return Files.newInputStream(file);
    }

    @Override
    public long size() {
        return size;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
