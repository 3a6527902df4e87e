package de.poststelle.store.keys;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keys and certificates per tenant. Every query names the tenant, so no call can reach another
 * tenant's keys, except {@link #fromSourceFor}, which finds a citizen's own uploads for them. Private keys are sealed with the {@link MasterKey} on the way in and opened only
 * by {@link #privateKey}.
 */
public final class KeyRepository {

    private static final String COLUMNS = "id, tenant_id, kind, public_data, csr, sealed_key IS NOT NULL AS has_private, "
            + "subject, issuer, serial, not_before, not_after, fingerprint, source, approval, decided_by, decided_at, "
            + "revoked, revoked_by, revoked_at, created_by, created_at";

    private final JdbcClient jdbc;
    private final MasterKey masterKey;

    public KeyRepository(DataSource dataSource, MasterKey masterKey) {
        this.jdbc = JdbcClient.create(dataSource);
        this.masterKey = masterKey;
    }

    /** Stores the key; throws {@link org.springframework.dao.DuplicateKeyException} if the tenant has it already. */
    public long add(NewKey key, Instant now) {
        KeyDescription d = key.description();
        byte[] sealed = key.privateKey().map(plain -> masterKey.seal(plain, context(key.tenantId(), key.kind())))
                .orElse(null);
        KeyHolder id = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO key_entry (tenant_id, kind, public_data, csr, sealed_key, master_key_id, subject, issuer, "
                        + "serial, not_before, not_after, fingerprint, source, approval, created_by, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(key.tenantId(), key.kind().name(), key.publicData().orElse(null), key.csr().orElse(null), sealed,
                        sealed == null ? null : masterKey.id(), d.subject(), d.issuer(), d.serial(),
                        timestamp(d.notBefore()), timestamp(d.notAfter()), d.fingerprint().orElse(null),
                        key.source().name(), key.approval().map(Enum::name).orElse(null), key.createdBy(),
                        Timestamp.from(now))
                .update(id, "id");
        long keyId = id.getKeyAs(Long.class);
        key.addresses().forEach(address -> jdbc.sql("INSERT INTO key_address (key_id, address) VALUES (?, ?)")
                .params(keyId, address).update());
        return keyId;
    }

    public Optional<StoredKey> find(long tenantId, long id) {
        return withAddresses(jdbc.sql("SELECT " + COLUMNS + " FROM key_entry WHERE tenant_id = ? AND id = ?")
                .params(tenantId, id).query(ROW).list()).stream().findFirst();
    }

    public Optional<StoredKey> findByFingerprint(long tenantId, KeyKind kind, String fingerprint) {
        return withAddresses(jdbc.sql("SELECT " + COLUMNS + " FROM key_entry WHERE tenant_id = ? AND kind = ? "
                        + "AND fingerprint = ?")
                .params(tenantId, kind.name(), fingerprint).query(ROW).list()).stream().findFirst();
    }

    /** All of the tenant's keys, newest first. */
    public List<StoredKey> ofTenant(long tenantId) {
        return withAddresses(jdbc.sql("SELECT " + COLUMNS + " FROM key_entry WHERE tenant_id = ? ORDER BY id DESC")
                .param(tenantId).query(ROW).list());
    }

    /** The tenant's keys of one kind that are not revoked, newest first. */
    public List<StoredKey> usable(long tenantId, KeyKind kind) {
        return withAddresses(jdbc.sql("SELECT " + COLUMNS + " FROM key_entry WHERE tenant_id = ? AND kind = ? "
                        + "AND revoked = FALSE ORDER BY id DESC")
                .params(tenantId, kind.name()).query(ROW).list());
    }

    /** The tenant's keys of one kind for {@code address} that are not revoked, newest first. */
    public List<StoredKey> usableFor(long tenantId, KeyKind kind, String address) {
        return withAddresses(jdbc.sql("SELECT " + COLUMNS + " FROM key_entry WHERE tenant_id = ? AND kind = ? "
                        + "AND revoked = FALSE AND id IN (SELECT key_id FROM key_address WHERE address = ?) ORDER BY id DESC")
                .params(tenantId, kind.name(), StoredKey.normalize(address)).query(ROW).list());
    }

    /** The tenant-wide keys of one kind (those bound to no address) that are not revoked, newest first. */
    public List<StoredKey> usableTenantWide(long tenantId, KeyKind kind) {
        return withAddresses(jdbc.sql("SELECT " + COLUMNS + " FROM key_entry WHERE tenant_id = ? AND kind = ? "
                        + "AND revoked = FALSE AND id NOT IN (SELECT key_id FROM key_address) ORDER BY id DESC")
                .params(tenantId, kind.name()).query(ROW).list());
    }

    /**
     * The keys from {@code source} bound to {@code address} in every tenant, not revoked. The one
     * query across tenants: it serves the owner of the address, who uploaded these keys themselves.
     */
    public List<StoredKey> fromSourceFor(KeySource source, String address) {
        return withAddresses(jdbc.sql("SELECT " + COLUMNS + " FROM key_entry WHERE source = ? AND revoked = FALSE "
                        + "AND id IN (SELECT key_id FROM key_address WHERE address = ?) ORDER BY id DESC")
                .params(source.name(), StoredKey.normalize(address)).query(ROW).list());
    }

    /** Removes the key for good, so that the same key can be added again later. */
    public boolean delete(long tenantId, long id) {
        return jdbc.sql("DELETE FROM key_entry WHERE tenant_id = ? AND id = ?").params(tenantId, id).update() > 0;
    }

    /** The plain private key; throws {@link MasterKey.MasterKeyMismatchException} if another master key sealed it. */
    public Optional<byte[]> privateKey(long tenantId, long id) {
        return jdbc.sql("SELECT kind, sealed_key, master_key_id FROM key_entry WHERE tenant_id = ? AND id = ? "
                        + "AND sealed_key IS NOT NULL")
                .params(tenantId, id)
                .query((row, n) -> masterKey.open(row.getBytes("sealed_key"), row.getString("master_key_id"),
                        context(tenantId, KeyKind.valueOf(row.getString("kind")))))
                .optional();
    }

    /** Sets the certificate chain of a key generated here, once its CA issued it. */
    public boolean installCertificate(long tenantId, long id, byte[] chain, KeyDescription description) {
        return jdbc.sql("UPDATE key_entry SET public_data = ?, subject = ?, issuer = ?, serial = ?, not_before = ?, "
                        + "not_after = ?, fingerprint = ? WHERE tenant_id = ? AND id = ?")
                .params(chain, description.subject(), description.issuer(), description.serial(),
                        timestamp(description.notBefore()), timestamp(description.notAfter()),
                        description.fingerprint().orElse(null), tenantId, id)
                .update() > 0;
    }

    public boolean decide(long tenantId, long id, Approval approval, Decision decision) {
        return jdbc.sql("UPDATE key_entry SET approval = ?, decided_by = ?, decided_at = ? WHERE tenant_id = ? AND id = ?")
                .params(approval.name(), decision.by(), Timestamp.from(decision.at()), tenantId, id).update() > 0;
    }

    /** Marks the key revoked; an OpenPGP public key's approval becomes REVOKED too. */
    public boolean revoke(long tenantId, long id, Decision decision) {
        return jdbc.sql("UPDATE key_entry SET revoked = TRUE, revoked_by = ?, revoked_at = ?, "
                        + "approval = CASE WHEN approval IS NULL THEN NULL ELSE 'REVOKED' END "
                        + "WHERE tenant_id = ? AND id = ? AND revoked = FALSE")
                .params(decision.by(), Timestamp.from(decision.at()), tenantId, id).update() > 0;
    }

    private List<StoredKey> withAddresses(List<StoredKey> keys) {
        if (keys.isEmpty()) {
            return keys;
        }
        Map<Long, List<String>> addresses = new LinkedHashMap<>();
        keys.forEach(key -> addresses.put(key.id(), new ArrayList<>()));
        jdbc.sql("SELECT key_id, address FROM key_address WHERE key_id IN (:ids) ORDER BY address")
                .param("ids", List.copyOf(addresses.keySet()))
                .query((row, n) -> addresses.get(row.getLong("key_id")).add(row.getString("address")))
                .list();
        return keys.stream().map(key -> new StoredKey(key.id(), key.tenantId(), key.kind(), addresses.get(key.id()),
                key.publicData(), key.csr(), key.hasPrivateKey(), key.description(), key.source(), key.approval(),
                key.decision(), key.revocation(), key.created())).toList();
    }

    /** Binds sealed material to its tenant and kind, so it cannot be copied to another row and opened there. */
    private static String context(long tenantId, KeyKind kind) {
        return "poststelle-key:" + tenantId + ":" + kind.name();
    }

    private static final RowMapper<StoredKey> ROW = (row, n) -> new StoredKey(row.getLong("id"),
            row.getLong("tenant_id"), KeyKind.valueOf(row.getString("kind")), List.of(),
            Optional.ofNullable(row.getBytes("public_data")), Optional.ofNullable(row.getBytes("csr")),
            row.getBoolean("has_private"),
            new KeyDescription(row.getString("subject"), row.getString("issuer"), row.getString("serial"),
                    instant(row, "not_before"), instant(row, "not_after"), Optional.ofNullable(row.getString("fingerprint"))),
            KeySource.valueOf(row.getString("source")),
            Optional.ofNullable(row.getString("approval")).map(Approval::valueOf),
            decision(row, "decided_by", "decided_at"), decision(row, "revoked_by", "revoked_at"),
            decision(row, "created_by", "created_at").orElseThrow());

    private static Optional<Decision> decision(ResultSet row, String by, String at) throws SQLException {
        String who = row.getString(by);
        return instant(row, at).map(when -> new Decision(who, when));
    }

    private static Optional<Instant> instant(ResultSet row, String column) throws SQLException {
        return Optional.ofNullable(row.getTimestamp(column)).map(Timestamp::toInstant);
    }

    private static Timestamp timestamp(Optional<Instant> instant) {
        return instant.map(Timestamp::from).orElse(null);
    }
}
