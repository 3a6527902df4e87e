package de.poststelle.store.tenant;

import de.poststelle.core.MailAddress;
import de.poststelle.core.tenant.AddressMapping;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.util.List;
import java.util.Optional;

/**
 * Address mappings e-mail <-> De-Mail. Addresses are stored as written, with the domain lower-case
 * ({@link MailAddress}); lookups compare the same normal form.
 */
public final class MappingRepository {

    private static final RowMapper<AddressMapping> MAPPING = (row, n) -> new AddressMapping(row.getLong("tenant_id"),
            MailAddress.parse(row.getString("email")), MailAddress.parse(row.getString("demail")));

    private final JdbcClient jdbc;

    public MappingRepository(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    /** Throws {@link org.springframework.dao.DuplicateKeyException} if either address is mapped already. */
    public void add(AddressMapping mapping) {
        jdbc.sql("INSERT INTO address_mapping (tenant_id, email, demail) VALUES (?, ?, ?)")
                .params(mapping.tenantId(), mapping.email().toString(), mapping.demail().toString()).update();
    }

    public boolean remove(long tenantId, MailAddress email) {
        return jdbc.sql("DELETE FROM address_mapping WHERE tenant_id = ? AND email = ?")
                .params(tenantId, AddressMapping.normalize(email).toString()).update() > 0;
    }

    public List<AddressMapping> ofTenant(long tenantId) {
        return jdbc.sql("SELECT tenant_id, email, demail FROM address_mapping WHERE tenant_id = ? ORDER BY email")
                .param(tenantId).query(MAPPING).list();
    }

    public Optional<AddressMapping> byEmail(MailAddress email) {
        return jdbc.sql("SELECT tenant_id, email, demail FROM address_mapping WHERE email = ?")
                .param(AddressMapping.normalize(email).toString()).query(MAPPING).optional();
    }

    public Optional<AddressMapping> byDemail(MailAddress demail) {
        return jdbc.sql("SELECT tenant_id, email, demail FROM address_mapping WHERE demail = ?")
                .param(AddressMapping.normalize(demail).toString()).query(MAPPING).optional();
    }
}
