package de.poststelle.store.tenant;

import de.poststelle.core.tenant.AdminUser;
import de.poststelle.core.tenant.Role;
import de.poststelle.core.tenant.RoleGrant;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Admin accounts with their login state, and the roles they hold in tenants. */
public final class AdminUserRepository {

    /** What login needs to know about an account; never leaves the security layer. */
    public record Credentials(AdminUser user, String passwordHash, Optional<String> totpSecret, int failedLogins,
                              Optional<Instant> lockedUntil) {
    }

    private static final String COLUMNS = "id, username, display_name, email, operator, enabled";
    private static final RowMapper<AdminUser> USER = (row, n) -> new AdminUser(row.getLong("id"),
            row.getString("username"), row.getString("display_name"), row.getString("email"),
            row.getBoolean("operator"), row.getBoolean("enabled"));
    private static final RowMapper<RoleGrant> GRANT = (row, n) -> new RoleGrant(row.getLong("user_id"),
            row.getLong("tenant_id"), Role.valueOf(row.getString("role")));

    private final JdbcClient jdbc;
    private final Clock clock;

    public AdminUserRepository(DataSource dataSource, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.clock = clock;
    }

    public AdminUser create(String username, String displayName, String email, boolean operator, String passwordHash) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO admin_user (username, display_name, email, operator, password_hash, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
                .params(username, displayName.strip(), email.strip(), operator, passwordHash,
                        Rows.timestamp(clock.instant()))
                .update(key, "id");
        return find(key.getKey().longValue()).orElseThrow();
    }

    public Optional<AdminUser> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM admin_user WHERE id = ?").param(id).query(USER).optional();
    }

    public Optional<AdminUser> findByUsername(String username) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM admin_user WHERE username = ?").param(username)
                .query(USER).optional();
    }

    public List<AdminUser> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM admin_user ORDER BY username").query(USER).list();
    }

    public boolean anyOperator() {
        return jdbc.sql("SELECT COUNT(*) FROM admin_user WHERE operator = TRUE").query(Long.class).single() > 0;
    }

    public void update(AdminUser user) {
        jdbc.sql("UPDATE admin_user SET display_name = ?, email = ?, operator = ?, enabled = ? WHERE id = ?")
                .params(user.displayName(), user.email(), user.operator(), user.enabled(), user.id()).update();
    }

    public Optional<Credentials> credentials(String username) {
        return jdbc.sql("SELECT " + COLUMNS + ", password_hash, totp_secret, failed_logins, locked_until"
                        + " FROM admin_user WHERE username = ?")
                .param(username)
                .query((row, n) -> new Credentials(USER.mapRow(row, n), row.getString("password_hash"),
                        Optional.ofNullable(row.getString("totp_secret")), row.getInt("failed_logins"),
                        Rows.optionalInstant(row, "locked_until")))
                .optional();
    }

    public void setPasswordHash(long userId, String passwordHash) {
        jdbc.sql("UPDATE admin_user SET password_hash = ? WHERE id = ?").params(passwordHash, userId).update();
    }

    public void setTotpSecret(long userId, Optional<String> secret) {
        jdbc.sql("UPDATE admin_user SET totp_secret = ? WHERE id = ?").params(secret.orElse(null), userId).update();
    }

    /** Counts a failed login; locks the account until the given instant once the limit is reached. */
    public void recordFailedLogin(long userId, int lockAfter, Instant lockUntil) {
        jdbc.sql("UPDATE admin_user SET failed_logins = failed_logins + 1 WHERE id = ?").param(userId).update();
        jdbc.sql("UPDATE admin_user SET locked_until = ?, failed_logins = 0 WHERE id = ? AND failed_logins >= ?")
                .params(Rows.timestamp(lockUntil), userId, lockAfter).update();
    }

    public void recordSuccessfulLogin(long userId) {
        jdbc.sql("UPDATE admin_user SET failed_logins = 0, locked_until = NULL WHERE id = ?").param(userId).update();
    }

    public List<RoleGrant> grantsOf(long userId) {
        return jdbc.sql("SELECT user_id, tenant_id, role FROM role_grant WHERE user_id = ? ORDER BY tenant_id, role")
                .param(userId).query(GRANT).list();
    }

    public List<RoleGrant> grantsIn(long tenantId) {
        return jdbc.sql("SELECT user_id, tenant_id, role FROM role_grant WHERE tenant_id = ? ORDER BY user_id, role")
                .param(tenantId).query(GRANT).list();
    }

    /** Returns false if the user held the role already. */
    public boolean grant(RoleGrant grant) {
        long existing = jdbc.sql("SELECT COUNT(*) FROM role_grant WHERE user_id = ? AND tenant_id = ? AND role = ?")
                .params(grant.userId(), grant.tenantId(), grant.role().name()).query(Long.class).single();
        if (existing > 0) {
            return false;
        }
        jdbc.sql("INSERT INTO role_grant (user_id, tenant_id, role) VALUES (?, ?, ?)")
                .params(grant.userId(), grant.tenantId(), grant.role().name()).update();
        return true;
    }

    public boolean revoke(RoleGrant grant) {
        return jdbc.sql("DELETE FROM role_grant WHERE user_id = ? AND tenant_id = ? AND role = ?")
                .params(grant.userId(), grant.tenantId(), grant.role().name()).update() > 0;
    }
}
