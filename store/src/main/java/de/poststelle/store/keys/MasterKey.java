package de.poststelle.store.keys;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The AES-256 key that seals private keys before they are stored (AES-GCM from the JDK, a fresh
 * 96-bit nonce per seal). The sealed form is nonce followed by ciphertext and tag; the tenant and
 * the kind of key are authenticated with it, so sealed material cannot be moved to another tenant.
 * {@link #id()} is derived from the key itself and stored with every sealed key: a wrong master key
 * is named as such instead of failing with a bare tag error, and a rotation can tell old from new.
 */
public final class MasterKey {

    private static final Logger log = LoggerFactory.getLogger(MasterKey.class);
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final String id;

    public MasterKey(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("the master key must be " + KEY_BYTES + " bytes (AES-256), not "
                    + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
        this.id = fingerprint(key);
    }

    /**
     * The configured master key: Base64 of 32 bytes, or the path of a file holding that. Without
     * configuration, the key in {@code generatedFile}, which is created (readable by the owner only)
     * on the first start.
     */
    public static MasterKey load(String configured, Path generatedFile) {
        try {
            if (configured != null && !configured.isBlank()) {
                Path file = Path.of(configured.strip());
                String text = Files.isRegularFile(file) ? Files.readString(file) : configured;
                return new MasterKey(decode(text));
            }
            if (!Files.exists(generatedFile)) {
                generate(generatedFile);
                log.warn("generated a master key for private keys at rest in {}; back it up: without it the stored "
                        + "private keys cannot be used (or set poststelle.keystore.master-key)", generatedFile);
            }
            return new MasterKey(decode(Files.readString(generatedFile)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the master key: " + e.getMessage(), e);
        }
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the master key is neither a file nor Base64 of 32 bytes");
        }
    }

    private static void generate(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] fresh = new byte[KEY_BYTES];
        RANDOM.nextBytes(fresh);
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), "master", ".tmp");
        try {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            log.debug("file system without POSIX permissions; {} keeps its default permissions", file);
        }
        Files.writeString(temp, Base64.getEncoder().encodeToString(fresh) + "\n");
        Files.move(temp, file);
    }

    public String id() {
        return id;
    }

    public byte[] seal(byte[] plain, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, nonce, context).doFinal(plain);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** Opens what {@link #seal} made with {@code sealedBy}; throws {@link MasterKeyMismatchException} for another master key. */
    public byte[] open(byte[] sealed, String sealedBy, String context) {
        if (!id.equals(sealedBy)) {
            throw new MasterKeyMismatchException("this private key was sealed with master key " + sealedBy
                    + ", but the configured master key is " + id + "; configure the master key it was stored with");
        }
        try {
            return cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(sealed, NONCE_BYTES), context)
                    .doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new MasterKeyMismatchException("the private key cannot be opened with master key " + id
                    + ": it was changed in the database or belongs to another tenant");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static String fingerprint(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return "mk-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** The stored private key was sealed with another master key than the configured one. */
    public static final class MasterKeyMismatchException extends IllegalStateException {

        MasterKeyMismatchException(String message) {
            super(message);
        }
    }
}
