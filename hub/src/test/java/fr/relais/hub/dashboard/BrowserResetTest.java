package fr.relais.hub.dashboard;

import static fr.relais.hub.workshop.BookingsServer.SITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.relais.hub.ApiClient;
import fr.relais.hub.TestDatabase;
import fr.relais.hub.workshop.BookingsServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the browser classes rely on when they share one Chromium: a session given by cookie opens the
 * dashboard logged in, and after {@link Browser#reset()} the browser is as a new one (no session, nothing
 * stored, the desk window size). A client without a session is refused in words.
 */
@Tag("browser") // headless Chromium: skip locally with -DexcludedGroups=browser; CI runs it
class BrowserResetTest {
    @RegisterExtension
    static final ChromiumPerClass chromium = new ChromiumPerClass();
    @TempDir
    static Path dir;
    private static BookingsServer server;
    private static String dashboard;

    @BeforeAll
    static void start() throws Exception {
        server = new BookingsServer(TestDatabase.Kind.SQLITE, dir);
        dashboard = "http://127.0.0.1:" + server.port() + "/";
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aSessionByCookieLogsInAndAResetForgetsItAndWhatThePageStored() throws Exception {
        Browser browser = chromium.browser();
        browser.actAs(server.account("mediatrice-rozoy", "mediator", SITE), dashboard);
        browser.untilText("#who", "mediatrice-rozoy");
        browser.script("localStorage.setItem('left-by-a-test', 'yes'); sessionStorage.setItem('left-by-a-test', 'yes');");
        browser.windowSize(360, 800);

        browser.reset();
        assertThat(browser.script("return location.href;")).isEqualTo("about:blank");
        assertThat(browser.script("return window.innerWidth;")).as("the desk width again")
                .satisfies(width -> assertThat(((Number) width).intValue()).isGreaterThan(360));
        browser.open(dashboard);
        browser.until(d -> d.findElement(org.openqa.selenium.By.id("username")).isDisplayed());
        assertThat(browser.find("#who").getText()).doesNotContain("mediatrice-rozoy");
        assertThat(browser.script("return [localStorage.getItem('left-by-a-test'),"
                + " sessionStorage.getItem('left-by-a-test')];")).asList().containsExactly(null, null);
    }

    @Test
    void aClientWithoutASessionIsRefusedInWords() {
        assertThatThrownBy(() -> chromium.browser().actAs(ApiClient.anonymous(server.port()), dashboard))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no session cookie");
    }
}
