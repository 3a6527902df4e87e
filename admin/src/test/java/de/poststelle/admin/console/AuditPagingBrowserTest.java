package de.poststelle.admin.console;

import de.poststelle.admin.service.ClusterService;
import de.poststelle.core.tenant.GatewayCluster;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** A long audit log is paged 50 entries a page, and the pages keep the filter. */
class AuditPagingBrowserTest extends ConsoleBrowserTestBase {

    @Autowired
    ClusterService clusters;

    @Test
    void theOperatorPagesThroughAFilteredAuditLog() {
        String prefix = "blaettern-" + System.nanoTime() + "-";
        for (int i = 0; i < Paging.PAGE_SIZE + 5; i++) {
            clusters.save(operator(), new GatewayCluster(prefix + i, "Seite"));
        }
        browser.logIn(OPERATOR, OPERATOR_PASSWORD, "");
        browser.open("/audit?action=cluster.create&text=" + prefix);
        assertThat(browser.driver().findElements(By.linkText("Vorherige Seite"))).isEmpty();

        browser.follow("Nächste Seite");

        assertThat(browser.driver().getCurrentUrl()).contains("page=2", "text=" + prefix);
        assertThat(browser.text(By.id("results"))).contains(prefix);
        assertThat(browser.driver().findElements(By.linkText("Nächste Seite"))).as("5 entries left: last page").isEmpty();
        browser.follow("Vorherige Seite");
        assertThat(browser.driver().getCurrentUrl()).contains("page=1");
    }
}
