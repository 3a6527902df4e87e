package de.poststelle.store.tenant;

import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;

/**
 * Moves queued mail to another gateway cluster when the operator moves what decided its cluster.
 * Runs in the caller's transaction (the domain or settings change), so the change and the move of
 * the queued mail commit together. Work a node holds a lease on right now is finished by that node;
 * everything after is claimed by nodes of the new cluster.
 */
public final class QueuedMailClusters {

    private final JdbcClient jdbc;

    public QueuedMailClusters(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    /** Unfinished mail placed by {@code domain} goes to {@code cluster}; returns how many mails moved. */
    public int followDomain(String domain, String cluster) {
        jdbc.sql("""
                        UPDATE queued_recipient SET cluster = :cluster WHERE message_id IN (
                            SELECT id FROM queued_message WHERE cluster_domain = :domain AND state <> 'DONE')""")
                .param("cluster", cluster).param("domain", domain).update();
        return jdbc.sql("UPDATE queued_message SET cluster = :cluster WHERE cluster_domain = :domain AND state <> 'DONE'")
                .param("cluster", cluster).param("domain", domain).update();
    }

    /**
     * Unfinished mail that runs in the default cluster (placed by no domain, or by a domain without a
     * cluster of its own) goes to the new default {@code cluster}; returns how many mails moved.
     */
    public int followDefault(String cluster) {
        String followers = """
                SELECT id FROM queued_message m WHERE m.state <> 'DONE' AND (m.cluster_domain IS NULL
                    OR m.cluster_domain IN (SELECT name FROM tenant_domain WHERE cluster IS NULL))""";
        jdbc.sql("UPDATE queued_recipient SET cluster = :cluster WHERE message_id IN (" + followers + ")")
                .param("cluster", cluster).update();
        return jdbc.sql("UPDATE queued_message SET cluster = :cluster WHERE id IN (" + followers + ")")
                .param("cluster", cluster).update();
    }
}
