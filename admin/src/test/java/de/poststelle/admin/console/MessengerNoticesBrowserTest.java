package de.poststelle.admin.console;

import de.poststelle.admin.service.MessengerNoticeService;
import de.poststelle.core.notice.NoticeKind;
import de.poststelle.core.notice.NoticeLanguage;
import de.poststelle.core.notice.NoticeTemplates;
import de.poststelle.core.tenant.Contact;
import de.poststelle.core.tenant.Role;
import de.poststelle.core.tenant.Tenant;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The notice wording page: other roles only see the preview, and the technical admin can go back to the built-in texts. */
class MessengerNoticesBrowserTest extends ConsoleBrowserTestBase {

    @Autowired
    MessengerNoticeService notices;

    @Test
    void otherRolesSeeThePreviewOnlyAndResetRestoresTheBuiltInTexts() {
        Tenant tenant = tenants.create(operator(), "Standesamt Wortlaut", new Contact("", "", ""));
        String technical = accounts.createTenantAdmin(operator(), tenant.id(), "technik-wortlaut", "", "",
                List.of(Role.TECHNICAL_ADMIN)).initialPassword();
        String accountAdmin = accounts.createTenantAdmin(operator(), tenant.id(), "konten-wortlaut", "", "",
                List.of(Role.ACCOUNT_ADMIN)).initialPassword();

        browser.logIn("technik-wortlaut", technical, "");
        browser.open("/tenants/" + tenant.id() + "/messenger-notices");
        browser.type("newMessageEnSubject", "News from the registry office");
        browser.type("newMessageEnBody", "Please log in: {link}");
        browser.press(By.cssSelector("form[action$='/messenger-notices'] button[type=submit]:not([name])"));
        assertThat(notices.get(operator(), tenant.id()).of(NoticeKind.NEW_MESSAGE, NoticeLanguage.EN).body())
                .isEqualTo("Please log in: {link}");
        browser.logOut();

        browser.logIn("konten-wortlaut", accountAdmin, "");
        browser.open("/tenants/" + tenant.id() + "/messenger-notices");
        assertThat(browser.driver().findElements(By.id("newMessageEnBody"))).as("no form for this role").isEmpty();
        assertThat(browser.text(By.cssSelector("#preview-new-message .preview-subject")))
                .isEqualTo("Neue verschlüsselte Nachricht in Ihrem Messenger-Postfach / News from the registry office");
        browser.logOut();

        browser.logIn("technik-wortlaut", technical, "");
        browser.open("/tenants/" + tenant.id() + "/messenger-notices");
        browser.submit("/messenger-notices/reset");
        assertThat(browser.mainText()).contains("Es gelten wieder die Standardtexte der Messenger-Benachrichtigungen.");
        assertThat(browser.driver().findElement(By.id("newMessageEnBody")).getAttribute("value")).isEmpty();
        assertThat(browser.text(By.cssSelector("#preview-new-message .preview-body"))).contains("Log in to read it:");
        assertThat(notices.get(operator(), tenant.id())).isEqualTo(NoticeTemplates.BUILT_IN);
    }
}
