package de.poststelle.store;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class OutOfSpaceTest {

    @Test
    void recognisesPostgresDiskFull() {
        SQLException diskFull = new SQLException("could not extend file \"base/16384/16385\": No space left", "53100");
        assertThat(OutOfSpace.causedBy(new StorageException("database error", diskFull))).isTrue();
    }

    @Test
    void recognisesTheOperatingSystemsOutOfSpaceErrorsAnywhereInTheCauseChain() {
        for (String message : new String[] {"No space left on device", "Disk quota exceeded", "File too large"}) {
            SQLException h2 = new SQLException("General error: Writing to file failed", "HY000", new IOException(message));
            assertThat(OutOfSpace.causedBy(new StorageException("database error", h2))).as(message).isTrue();
        }
    }

    @Test
    void otherDatabaseFailuresAreNotOutOfSpace() {
        SQLException refused = new SQLException("Connection refused", "08001");
        assertThat(OutOfSpace.causedBy(new StorageException("database error", refused))).isFalse();
        assertThat(OutOfSpace.causedBy(new StorageException("database error", new SQLException("out of memory", "53200"))))
                .isFalse();
    }
}
