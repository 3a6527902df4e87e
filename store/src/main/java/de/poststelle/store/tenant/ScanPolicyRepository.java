package de.poststelle.store.tenant;

import de.poststelle.core.MailAddress;
import de.poststelle.core.tenant.ScanPolicy;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Each tenant's {@link ScanPolicy}; a tenant that never set one has {@link ScanPolicy#DEFAULT}. */
public final class ScanPolicyRepository {

    private final JdbcClient jdbc;

    public ScanPolicyRepository(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    public ScanPolicy find(long tenantId) {
        return jdbc.sql("SELECT fail_open, notify_sender, alert_recipients FROM tenant_scan_policy WHERE tenant_id = ?")
                .param(tenantId)
                .query((row, n) -> new ScanPolicy(row.getBoolean("fail_open"), row.getBoolean("notify_sender"),
                        Arrays.stream(row.getString("alert_recipients").split("\n"))
                                .filter(line -> !line.isEmpty()).map(MailAddress::parse).toList()))
                .optional().orElse(ScanPolicy.DEFAULT);
    }

    public void save(long tenantId, ScanPolicy policy) {
        String alerts = policy.alertRecipients().stream().map(MailAddress::toString).collect(Collectors.joining("\n"));
        if (jdbc.sql("UPDATE tenant_scan_policy SET fail_open = ?, notify_sender = ?, alert_recipients = ? WHERE tenant_id = ?")
                .params(policy.failOpen(), policy.notifySender(), alerts, tenantId).update() == 0) {
            jdbc.sql("INSERT INTO tenant_scan_policy (tenant_id, fail_open, notify_sender, alert_recipients) VALUES (?, ?, ?, ?)")
                    .params(tenantId, policy.failOpen(), policy.notifySender(), alerts).update();
        }
    }
}
