package de.poststelle.messenger.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StorageCipherTest {

    @TempDir
    Path dataDir;

    @Test
    void valuesDecryptOnlyForTheirMailboxAndWithTheSameKey() {
        Path keyFile = dataDir.resolve("messenger/storage.key");
        StorageCipher cipher = new StorageCipher(StorageKeys.load("", keyFile));
        byte[] plain = "Bescheid".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = cipher.encrypt(7, plain);

        assertThat(new StorageCipher(StorageKeys.load(null, keyFile)).decrypt(7, sealed)).isEqualTo(plain);
        assertThat(cipher.encrypt(7, plain)).isNotEqualTo(sealed);
        assertThatThrownBy(() -> cipher.decrypt(8, sealed)).hasMessageContaining("does not decrypt");
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.decrypt(7, sealed)).hasMessageContaining("does not decrypt");
    }

    @Test
    void aConfiguredKeyMustBeThirtyTwoBytes() {
        assertThatThrownBy(() -> StorageKeys.load("c2hvcnQ=", dataDir.resolve("unused")))
                .hasMessageContaining("must hold 32 bytes");
    }
}
