package fr.relais.hub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.hub.ApiClient;
import fr.relais.hub.TestDatabase;
import fr.relais.hub.content.ContentChanges;
import fr.relais.hub.queue.QueueServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The queue page in headless Chromium, as a place's mediator uses it: lands on it after login,
 * calls the next ticket to their desk (remembered by the browser), marks a visitor received; the
 * rows are updated in place by the 3-second refresh; what the hub sends is shown as text.
 */
@Tag("browser") // headless Chromium: skip locally with -DexcludedGroups=browser; CI runs it
class QueueBrowserTest {
    private static final String SITE = "rozoy";

    @Test
    void aMediatorCallsTheNextTicketAndSeesTheQueueMove(@TempDir Path dir) throws Exception {
        try (QueueServer server = new QueueServer(TestDatabase.Kind.SQLITE, dir, Clock.systemUTC(),
                ContentChanges.NONE); Browser browser = new Browser(dir.resolve("chromium-profile"))) {
            String today = LocalDate.now(ZoneId.of("Europe/Paris")).toString();
            long now = System.currentTimeMillis();
            server.ticket("t1", SITE, today, 1, "C1", "caf", now - 600_000);
            server.ticket("t2", SITE, today, 2, "F2", "france-travail", now - 500_000);
            server.ticket("t3", SITE, today, 3, "S3", "sante", now - 400_000);
            ApiClient mediator = server.account("claire", "mediator", SITE);
            String page = "http://127.0.0.1:" + server.port() + "/";

            browser.open(page);
            browser.logIn("claire", QueueServer.PASSWORD);
            browser.untilText("#q-figures", "3 personnes attendent");
            assertThat(browser.find("#q-figures").getText()).contains("attente estimée : 30 min")
                    .contains("pas encore mesurée");
            assertThat(browser.find("#fleet").isDisplayed()).isFalse();
            assertThat(browser.find("#nav-queue").getAttribute("aria-current")).isEqualTo("page");
            assertThat(browser.find("#who").getText()).contains("médiation");

            // Without a desk, the call is not sent: the page asks for it.
            browser.find("#q-next").click();
            browser.untilText("#q-notice", "Indiquez votre bureau");
            browser.find("#q-desk").sendKeys("Bureau 2");
            browser.find("#q-next").click();
            WebElement called = browser.untilText("#q-calling li", "C1");
            assertThat(called.getText()).contains("CAF").contains("Bureau 2");
            browser.untilText("#q-notice", "Ticket C1 appelé — Bureau 2.");
            browser.untilText("#q-figures", "2 personnes attendent");

            // A ticket taken meanwhile appears; the rows already there are kept, not rebuilt.
            browser.script("document.querySelector('#q-waiting li[data-id=\"t2\"]').dataset.probe = 'kept';");
            server.ticket("t4", SITE, today, 4, "A4", "autre", now);
            browser.untilText("#q-waiting li", "A4");
            assertThat(browser.script("return document.querySelector('#q-waiting li[data-id=\"t2\"]').dataset.probe;"))
                    .isEqualTo("kept");
            assertThat(browser.all("#q-waiting li.q-ticket")).extracting(WebElement::getText)
                    .satisfiesExactly(first -> assertThat(first).contains("F2"), second -> assertThat(second)
                            .contains("S3"), third -> assertThat(third).contains("A4"));

            browser.until(d -> {
                d.findElement(By.cssSelector("#q-calling li[data-id=\"t1\"] button[data-action=\"done\"]")).click();
                return true;
            });
            browser.untilText("#q-done li", "C1");
            browser.untilText("#q-notice", "Ticket C1 reçu.");

            // For a person to look at: target/screenshots/queue-*.png, desktop and phone.
            browser.fullScreenshot(Path.of("target", "screenshots", "queue-desktop.png"));
            browser.windowSize(360, 780);
            browser.fullScreenshot(Path.of("target", "screenshots", "queue-360px.png"));
            browser.windowSize(1200, 900);

            // The desk is the mediator's words: shown as text, never as markup.
            assertThat(mediator.send("POST", "/api/queue/" + SITE + "/call-next",
                    "{\"desk\":\"<img src=x onerror=alert(1)>\"}").statusCode()).isEqualTo(200);
            browser.untilText("#q-calling li", "<img src=x onerror=alert(1)>");
            assertThat(browser.all("#queue img")).isEmpty();

            // Opened again, the page remembers this browser's desk.
            browser.open(page);
            browser.untilText("#q-figures", "personne");
            assertThat(browser.find("#q-desk").getAttribute("value")).isEqualTo("Bureau 2");
            assertThat(browser.scriptErrors()).isEmpty();
        }
    }
}
