package de.poststelle.store;

import com.zaxxer.hikari.HikariDataSource;
import de.poststelle.core.tenant.Contact;
import de.poststelle.core.tenant.Tenant;
import de.poststelle.store.keys.Approval;
import de.poststelle.store.keys.Decision;
import de.poststelle.store.keys.KeyDescription;
import de.poststelle.store.keys.KeyKind;
import de.poststelle.store.keys.KeyRepository;
import de.poststelle.store.keys.KeySource;
import de.poststelle.store.keys.MasterKey;
import de.poststelle.store.keys.NewKey;
import de.poststelle.store.keys.StoredKey;
import de.poststelle.store.tenant.TenantRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Keys survive a round trip through H2 and PostgreSQL; private keys only ever reach the database sealed. */
class KeyRepositoryTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final byte[] PRIVATE = "-----PRIVATE KEY MATERIAL 0123456789-----".getBytes(StandardCharsets.US_ASCII);

    private HikariDataSource dataSource;

    @AfterEach
    void close() {
        if (dataSource != null) {
            dataSource.close();
        }
    }

    private Tenant tenant(String name) {
        return new TenantRepository(dataSource, Clock.fixed(T0, ZoneOffset.UTC)).create(name, new Contact("", "", ""));
    }

    private static MasterKey masterKey(int seed) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) seed);
        return new MasterKey(key);
    }

    private static NewKey ownKey(long tenantId, List<String> addresses) {
        return ownKey(tenantId, addresses, "ab".repeat(32));
    }

    private static NewKey ownKey(long tenantId, List<String> addresses, String fingerprint) {
        return new NewKey(tenantId, KeyKind.SMIME_KEY, addresses, Optional.of("CHAIN".getBytes()), Optional.empty(),
                Optional.of(PRIVATE), new KeyDescription("CN=Amt", "CN=CA", "1a", Optional.of(T0),
                Optional.of(T0.plusSeconds(3600)), Optional.of(fingerprint)), KeySource.IMPORTED, Optional.empty(),
                "admin");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void everyFieldSurvivesAndPrivateKeysAreSealedAtRest(TestDatabase database) throws Exception {
        dataSource = database.create();
        Tenant tenant = tenant("Amt");
        KeyRepository keys = new KeyRepository(dataSource, masterKey(1));

        long id = keys.add(ownKey(tenant.id(), List.of("Poststelle@Amt.Example")), T0);

        StoredKey stored = keys.find(tenant.id(), id).orElseThrow();
        assertThat(stored.kind()).isEqualTo(KeyKind.SMIME_KEY);
        assertThat(stored.addresses()).containsExactly("poststelle@amt.example");
        assertThat(stored.publicData()).hasValueSatisfying(data -> assertThat(data).isEqualTo("CHAIN".getBytes()));
        assertThat(stored.hasPrivateKey()).isTrue();
        assertThat(stored.description()).isEqualTo(ownKey(1, List.of()).description());
        assertThat(stored.created()).isEqualTo(new Decision("admin", T0));
        assertThat(keys.privateKey(tenant.id(), id)).hasValueSatisfying(key -> assertThat(key).isEqualTo(PRIVATE));

        byte[] raw = JdbcClient.create(dataSource).sql("SELECT sealed_key FROM key_entry WHERE id = ?").param(id)
                .query(byte[].class).single();
        assertThat(new String(raw, StandardCharsets.ISO_8859_1)).doesNotContain("PRIVATE KEY MATERIAL");
        assertThat(raw.length).isGreaterThan(PRIVATE.length);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void anotherTenantSeesNothingAndAddressesFindTheirKeys(TestDatabase database) throws Exception {
        dataSource = database.create();
        Tenant a = tenant("Amt A");
        Tenant b = tenant("Amt B");
        KeyRepository keys = new KeyRepository(dataSource, masterKey(1));
        long senderKey = keys.add(ownKey(a.id(), List.of("chef@a.example")), T0);
        long wide = keys.add(ownKey(a.id(), List.of(), "cd".repeat(32)), T0);

        assertThat(keys.find(b.id(), senderKey)).isEmpty();
        assertThat(keys.ofTenant(b.id())).isEmpty();
        assertThat(keys.privateKey(b.id(), senderKey)).isEmpty();
        assertThat(keys.usableFor(b.id(), KeyKind.SMIME_KEY, "chef@a.example")).isEmpty();
        assertThat(keys.usableFor(a.id(), KeyKind.SMIME_KEY, "CHEF@a.example")).extracting(StoredKey::id)
                .containsExactly(senderKey);
        assertThat(keys.usableTenantWide(a.id(), KeyKind.SMIME_KEY)).extracting(StoredKey::id).containsExactly(wide);
        assertThat(keys.revoke(b.id(), wide, new Decision("evil", T0))).isFalse();

        assertThatThrownBy(() -> keys.add(ownKey(a.id(), List.of()), T0)).isInstanceOf(DuplicateKeyException.class);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void pgpKeysArePendingUntilDecidedAndRevokedKeysAreNotUsable(TestDatabase database) throws Exception {
        dataSource = database.create();
        Tenant tenant = tenant("Amt");
        KeyRepository keys = new KeyRepository(dataSource, masterKey(1));
        long id = keys.add(new NewKey(tenant.id(), KeyKind.PGP_PUBLIC, List.of("buerger@extern.example"),
                Optional.of(new byte[]{1, 2, 3}), Optional.empty(), Optional.empty(),
                new KeyDescription("Bürger <buerger@extern.example>", "", "", Optional.of(T0), Optional.empty(),
                        Optional.of("0123456789ABCDEF0123456789ABCDEF01234567")),
                KeySource.IMPORTED, Optional.of(Approval.PENDING), "admin"), T0);

        keys.decide(tenant.id(), id, Approval.APPROVED, new Decision("chefin", T0.plusSeconds(60)));
        StoredKey approved = keys.find(tenant.id(), id).orElseThrow();
        assertThat(approved.approval()).contains(Approval.APPROVED);
        assertThat(approved.decision()).contains(new Decision("chefin", T0.plusSeconds(60)));
        assertThat(approved.hasPrivateKey()).isFalse();

        assertThat(keys.revoke(tenant.id(), id, new Decision("chefin", T0.plusSeconds(120)))).isTrue();
        StoredKey revoked = keys.find(tenant.id(), id).orElseThrow();
        assertThat(revoked.approval()).contains(Approval.REVOKED);
        assertThat(revoked.revocation()).contains(new Decision("chefin", T0.plusSeconds(120)));
        assertThat(keys.usableFor(tenant.id(), KeyKind.PGP_PUBLIC, "buerger@extern.example")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void theKeysACitizenUploadedAreFoundInEveryTenantAndCanBeDeletedForGood(TestDatabase database) throws Exception {
        dataSource = database.create();
        Tenant stadt = tenant("Stadt");
        Tenant kreis = tenant("Kreis");
        KeyRepository keys = new KeyRepository(dataSource, masterKey(1));
        long inStadt = keys.add(uploaded(stadt.id()), T0);
        keys.add(uploaded(kreis.id()), T0);
        keys.add(ownKey(kreis.id(), List.of("buerger@extern.example"), "cd".repeat(32)), T0);

        assertThat(keys.fromSourceFor(KeySource.MESSENGER, "Buerger@Extern.Example"))
                .extracting(StoredKey::tenantId).containsExactlyInAnyOrder(stadt.id(), kreis.id());
        assertThat(keys.delete(kreis.id(), inStadt)).as("not the tenant's key").isFalse();
        assertThat(keys.delete(stadt.id(), inStadt)).isTrue();
        assertThat(keys.fromSourceFor(KeySource.MESSENGER, "buerger@extern.example"))
                .extracting(StoredKey::tenantId).containsExactly(kreis.id());
        keys.add(uploaded(stadt.id()), T0);
        assertThat(keys.fromSourceFor(KeySource.MESSENGER, "buerger@extern.example")).hasSize(2);
    }

    private static NewKey uploaded(long tenantId) {
        return new NewKey(tenantId, KeyKind.RECIPIENT_CERT, List.of("buerger@extern.example"),
                Optional.of("CHAIN".getBytes()), Optional.empty(), Optional.empty(),
                new KeyDescription("E=buerger@extern.example", "CN=CA", "2b", Optional.of(T0),
                        Optional.of(T0.plusSeconds(3600)), Optional.of("ef".repeat(32))),
                KeySource.MESSENGER, Optional.empty(), "messenger");
    }

    @Test
    void aWrongMasterKeyIsNamedNotMistakenForData() throws Exception {
        dataSource = TestDatabase.H2.create();
        Tenant tenant = tenant("Amt");
        long id = new KeyRepository(dataSource, masterKey(1)).add(ownKey(tenant.id(), List.of()), T0);

        assertThatThrownBy(() -> new KeyRepository(dataSource, masterKey(2)).privateKey(tenant.id(), id))
                .isInstanceOf(MasterKey.MasterKeyMismatchException.class)
                .hasMessageContaining("sealed with master key " + masterKey(1).id())
                .hasMessageContaining("configured master key is " + masterKey(2).id());
    }

    @Test
    void sealedMaterialCannotBeOpenedForAnotherTenant() {
        MasterKey key = masterKey(1);
        byte[] sealed = key.seal(PRIVATE, "poststelle-key:1:SMIME_KEY");

        assertThat(key.open(sealed, key.id(), "poststelle-key:1:SMIME_KEY")).isEqualTo(PRIVATE);
        assertThatThrownBy(() -> key.open(sealed, key.id(), "poststelle-key:2:SMIME_KEY"))
                .isInstanceOf(MasterKey.MasterKeyMismatchException.class);
    }

    @Test
    void theDefaultMasterKeyIsGeneratedOnceAndKept(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys").resolve("master.key");

        MasterKey first = MasterKey.load(null, file);
        MasterKey again = MasterKey.load("", file);
        MasterKey fromFileSetting = MasterKey.load(file.toString(), dir.resolve("unused"));

        assertThat(Files.exists(file)).isTrue();
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(fromFileSetting.id()).isEqualTo(first.id());
        assertThat(MasterKey.load(Files.readString(file), dir.resolve("unused")).id()).isEqualTo(first.id());
        assertThatThrownBy(() -> MasterKey.load("not base64 !", file)).hasMessageContaining("Base64 of 32 bytes");
    }
}
