package de.poststelle.crypto;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** An independent tool an interop test runs: skipped on a developer's machine without it, a failure under CI. */
public final class RequiredTool {

    private RequiredTool() {
    }

    /** @param installHint e.g. {@code apt-get install gnupg} */
    public static void require(Path binary, String installHint, String tests) {
        if (Files.isExecutable(binary)) {
            return;
        }
        String message = binary + " is not installed (" + installHint + "); " + tests;
        if ("true".equals(System.getenv("CI"))) {
            fail(message + " must run under CI");
        }
        assumeTrue(false, "SKIPPED: " + message + " skipped");
    }
}
