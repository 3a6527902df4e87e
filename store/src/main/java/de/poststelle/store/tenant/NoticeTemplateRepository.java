package de.poststelle.store.tenant;

import de.poststelle.core.notice.NoticeKind;
import de.poststelle.core.notice.NoticeLanguage;
import de.poststelle.core.notice.NoticeTemplate;
import de.poststelle.core.notice.NoticeTemplates;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;

/** Each tenant's {@link NoticeTemplates}; a tenant that never set any has {@link NoticeTemplates#BUILT_IN}. */
public final class NoticeTemplateRepository {

    private final JdbcClient jdbc;

    public NoticeTemplateRepository(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    public NoticeTemplates find(long tenantId) {
        return NoticeTemplates.of(jdbc.sql("SELECT kind, language, subject, body FROM tenant_notice_template WHERE tenant_id = ?")
                .param(tenantId)
                .query((row, n) -> new NoticeTemplate(NoticeKind.valueOf(row.getString("kind")),
                        NoticeLanguage.valueOf(row.getString("language")), row.getString("subject"), row.getString("body")))
                .list());
    }

    /** Replaces all of the tenant's texts; callers run it in a transaction, so readers never see half a change. */
    public void save(long tenantId, NoticeTemplates templates) {
        jdbc.sql("DELETE FROM tenant_notice_template WHERE tenant_id = ?").param(tenantId).update();
        for (NoticeTemplate template : templates.templates()) {
            jdbc.sql("INSERT INTO tenant_notice_template (tenant_id, kind, language, subject, body) VALUES (?, ?, ?, ?, ?)")
                    .params(tenantId, template.kind().name(), template.language().name(), template.subject(), template.body())
                    .update();
        }
    }
}
