package de.poststelle.messenger.store;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The key the Messenger encrypts stored mail with: the configured one (Base64 of 32 bytes), or a
 * key file generated under the data directory on first start, readable by the gateway's user only.
 * Losing the key makes every stored mail unreadable, so the file belongs in the backup, apart from
 * the database.
 */
public final class StorageKeys {

    private static final int KEY_BYTES = 32;

    private StorageKeys() {
    }

    public static SecretKey load(String configured, Path keyFile) {
        if (configured != null && !configured.isBlank()) {
            return decode(configured.strip(), "poststelle.messenger.storage-key");
        }
        try {
            if (!Files.exists(keyFile)) {
                generate(keyFile);
            }
            return decode(Files.readString(keyFile, StandardCharsets.US_ASCII).strip(), keyFile.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the Messenger storage key " + keyFile, e);
        }
    }

    private static void generate(Path keyFile) throws IOException {
        Files.createDirectories(keyFile.toAbsolutePath().getParent());
        String encoded;
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(KEY_BYTES * 8);
            encoded = Base64.getEncoder().encodeToString(generator.generateKey().getEncoded());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK offers no AES", e);
        }
        try {
            Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException anotherNodeWasFaster) {
            return;
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(keyFile);
        }
        Files.writeString(keyFile, encoded + "\n", StandardCharsets.US_ASCII);
    }

    private static SecretKey decode(String base64, String origin) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(origin + " is not Base64", e);
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalStateException(origin + " must hold " + KEY_BYTES + " bytes (AES-256), not " + key.length);
        }
        return new SecretKeySpec(key, "AES");
    }
}
