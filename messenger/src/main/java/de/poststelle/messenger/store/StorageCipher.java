package de.poststelle.messenger.store;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Encrypts what a mailbox stores with AES-256-GCM from the JDK: a fresh 96-bit nonce per value,
 * stored in front of the ciphertext. The mailbox id is authenticated data, so a value copied into
 * another mailbox's row fails to decrypt instead of showing up there.
 */
public final class StorageCipher {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    public StorageCipher(SecretKey key) {
        this.key = key;
    }

    public byte[] encrypt(long mailboxId, byte[] plain) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(mailboxId));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt mailbox content", e);
        }
    }

    public byte[] decrypt(long mailboxId, byte[] stored) {
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key,
                    new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(stored, 0, NONCE_BYTES)));
            cipher.updateAAD(associatedData(mailboxId));
            return cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("mailbox content does not decrypt: wrong storage key or altered data", e);
        }
    }

    private static byte[] associatedData(long mailboxId) {
        return ByteBuffer.allocate(Long.BYTES).putLong(mailboxId).array();
    }
}
