package de.poststelle.store;

import com.zaxxer.hikari.HikariDataSource;
import de.poststelle.core.notice.NoticeKind;
import de.poststelle.core.notice.NoticeLanguage;
import de.poststelle.core.notice.NoticeTemplate;
import de.poststelle.core.notice.NoticeTemplates;
import de.poststelle.core.tenant.Contact;
import de.poststelle.core.tenant.Tenant;
import de.poststelle.store.tenant.NoticeTemplateRepository;
import de.poststelle.store.tenant.TenantRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A tenant's notice texts survive H2 and PostgreSQL unchanged, replace the earlier ones and go with the tenant. */
class NoticeTemplateRepositoryTest {

    private HikariDataSource dataSource;

    @AfterEach
    void close() {
        if (dataSource != null) {
            dataSource.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void textsAreKeptPerNoticeAndLanguageUntilReplaced(TestDatabase database) throws Exception {
        dataSource = database.create();
        TenantRepository tenants = new TenantRepository(dataSource, Clock.systemUTC());
        Tenant tenant = tenants.create("Stadt Musterhausen", new Contact("", "", ""));
        Tenant other = tenants.create("Landkreis Anders", new Contact("", "", ""));
        NoticeTemplateRepository repository = new NoticeTemplateRepository(dataSource);
        assertThat(repository.find(tenant.id())).isEqualTo(NoticeTemplates.BUILT_IN);

        NoticeTemplates saved = NoticeTemplates.of(List.of(
                new NoticeTemplate(NoticeKind.ACTIVATION, NoticeLanguage.DE, "Post vom Bürgeramt Musterhausen",
                        "Guten Tag,\n\nÖffnen Sie {link} bis {gueltig_bis}.\nFragen: 0351 123-0 (Frau Groß)"),
                new NoticeTemplate(NoticeKind.ACTIVATION, NoticeLanguage.EN, "Mail from the citizens' office", ""),
                new NoticeTemplate(NoticeKind.NEW_MESSAGE, NoticeLanguage.EN, "", "New mail from {absender}: {link}")));
        repository.save(tenant.id(), saved);
        assertThat(repository.find(tenant.id()).templates()).containsExactlyInAnyOrderElementsOf(saved.templates());
        assertThat(repository.find(other.id())).as("another tenant's").isEqualTo(NoticeTemplates.BUILT_IN);

        NoticeTemplates replaced = NoticeTemplates.of(List.of(
                new NoticeTemplate(NoticeKind.NEW_MESSAGE, NoticeLanguage.DE, "Neue Post", "")));
        repository.save(tenant.id(), replaced);
        assertThat(repository.find(tenant.id())).isEqualTo(replaced);

        assertThat(tenants.deleteIfEmpty(tenant.id())).isTrue();
        assertThat(repository.find(tenant.id())).isEqualTo(NoticeTemplates.BUILT_IN);
    }
}
