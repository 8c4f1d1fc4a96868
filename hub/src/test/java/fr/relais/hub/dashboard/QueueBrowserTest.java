package fr.relais.hub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.relais.hub.ApiClient;
import fr.relais.protocol.Topic;
import fr.relais.protocol.content.PlaceContent;
import fr.relais.protocol.content.PlaceContentCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The File d'attente screen in headless Chromium on a real hub, as a place's mediator uses it: lands on it
 * after login, calls the next ticket to their desk (remembered by the browser), marks a visitor received; a
 * ticket taken at the kiosk appears without a reload (the live channel's "place" event), the rows already
 * there kept, not rebuilt; what the hub sends is shown as text. The call clicked in the dashboard reaches the
 * place's box: the content the hub publishes to its node through the real broker (what the agent keeps and
 * serves to the kiosk's calling screen, see KioskContentIT and KioskUiIT) names the called ticket and desk.
 */
@Tag("browser") // headless Chromium: skip locally with -DexcludedGroups=browser; CI runs it
class QueueBrowserTest {
    private static final String SITE = "rozoy";
    private static final String NODE = "rozoy-pi";
    private static final Path SHOTS = Path.of("target", "screenshots");

    @RegisterExtension
    static final DashboardFixture server = new DashboardFixture();

    @Test
    void aMediatorCallsTheNextTicketAndSeesTheQueueMove(@TempDir Path dir) throws Exception {
        try (Browser browser = new Browser(dir.resolve("chromium-profile"));
             PlaceBox box = new PlaceBox(server.brokerUrl())) {
            server.online(SITE, NODE);
            long now = System.currentTimeMillis();
            server.ticket("t1", SITE, 1, "C1", "caf", now - 600_000);
            server.ticket("t2", SITE, 2, "F2", "france-travail", now - 500_000);
            server.ticket("t3", SITE, 3, "S3", "sante", now - 400_000);
            ApiClient mediator = server.account("claire", "mediator", SITE);
            String page = server.dashboard();

            browser.open(page);
            browser.logIn("claire", DashboardFixture.PASSWORD);
            browser.untilText("#q-figures", "3 personnes attendent");
            assertThat(browser.find("#q-figures").getText()).contains("attente estimée : 30 min")
                    .contains("pas encore mesurée");
            assertThat(browser.script("return location.hash;")).as("the place is in the address")
                    .isEqualTo("#/file/" + SITE);
            assertThat(browser.find("#nav-file").getAttribute("aria-current")).isEqualTo("page");
            assertThat(browser.all("#nav-coworking")).noneMatch(WebElement::isDisplayed);
            assertThat(browser.find("#who").getText()).contains("médiation");
            assertThat(browser.find("#q-site").isDisplayed()).as("one place: no choice").isFalse();

            // Without a desk, the call is not sent: the page asks for it.
            browser.find("#q-next").click();
            browser.untilText("#q-notice", "Indiquez votre bureau");
            assertThat(browser.find("#q-desk").getAttribute("aria-invalid")).isEqualTo("true");
            browser.find("#q-desk").sendKeys("Bureau 2");
            browser.find("#q-next").click();
            WebElement called = browser.untilText("#q-calling li", "C1");
            assertThat(called.getText()).contains("CAF").contains("Bureau 2");
            browser.untilText("#q-notice", "Ticket C1 appelé — Bureau 2.");
            browser.untilText("#q-figures", "2 personnes attendent");

            // The place's box hears of the call: the hub's content for its node, decoded as the agent decodes it.
            PlaceContent.Called shown = box.untilCalled("C1");
            assertThat(shown.number()).isEqualTo(1);
            assertThat(shown.desk()).isEqualTo("Bureau 2");
            assertThat(box.latest().site()).isEqualTo(SITE);
            assertThat(box.latest().queue().waiting()).isEqualTo(2);

            // A ticket taken at the kiosk meanwhile appears without a reload; the rows already there are kept,
            // and the desk field keeps its focus and what is being typed.
            browser.script("document.querySelector('#q-waiting li[data-id=\"t2\"]').dataset.probe = 'kept';");
            browser.find("#q-desk").sendKeys(" bis");
            server.kioskTicket(SITE, NODE, 4, "A4", "autre");
            browser.untilText("#q-waiting li", "A4");
            assertThat(browser.script("return document.querySelector('#q-waiting li[data-id=\"t2\"]').dataset.probe;"))
                    .isEqualTo("kept");
            assertThat(browser.script("return document.activeElement.id;")).isEqualTo("q-desk");
            assertThat(browser.find("#q-desk").getAttribute("value")).isEqualTo("Bureau 2 bis");
            assertThat(browser.all("#q-waiting li.q-ticket")).extracting(WebElement::getText)
                    .satisfiesExactly(first -> assertThat(first).contains("F2"), second -> assertThat(second)
                            .contains("S3"), third -> assertThat(third).contains("A4"));
            browser.find("#q-desk").clear();
            browser.find("#q-desk").sendKeys("Bureau 2");

            browser.until(d -> {
                d.findElement(By.cssSelector("#q-calling li[data-id=\"t1\"] button[data-action=\"done\"]")).click();
                return true;
            });
            browser.untilText("#q-done li", "C1");
            browser.untilText("#q-notice", "Ticket C1 reçu.");

            // A call made elsewhere (another desk's browser) comes live too.
            assertThat(mediator.send("POST", "/api/queue/" + SITE + "/call-next", "{\"desk\":\"Bureau 3\"}")
                    .statusCode()).isEqualTo(200);
            browser.untilText("#q-calling li", "Bureau 3");

            // The nav's link (no place in it) keeps the screen as it is and says the place in the address again.
            browser.script("document.getElementById('queue').dataset.probe = 'same';");
            browser.find("#nav-file").click();
            browser.until(d -> ("#/file/" + SITE).equals(browser.script("return location.hash;")));
            assertThat(browser.script("return document.getElementById('queue').dataset.probe;")).isEqualTo("same");

            // For a person to look at: target/screenshots/queue-*.png, desktop and phone.
            browser.windowSize(1280, 900);
            browser.fullScreenshot(SHOTS.resolve("queue-desktop.png"));
            browser.windowSize(360, 780);
            browser.fullScreenshot(SHOTS.resolve("queue-360px.png"));
            assertThat(((Number) browser.script("return document.documentElement.scrollWidth;")).intValue())
                    .as("nothing wider than the phone's screen").isLessThanOrEqualTo(360);
            browser.windowSize(1200, 900);

            // The desk is the mediator's words: shown as text, never as markup.
            assertThat(mediator.send("POST", "/api/queue/" + SITE + "/call-next",
                    "{\"desk\":\"<img src=x onerror=alert(1)>\"}").statusCode()).isEqualTo(200);
            browser.untilText("#q-calling li", "<img src=x onerror=alert(1)>");
            assertThat(browser.all("#queue img")).isEmpty();

            // Opened again (the old address too), the page remembers this browser's desk.
            browser.open(page + "#queue");
            browser.untilText("#q-figures", "personne");
            assertThat(browser.script("return location.hash;")).isEqualTo("#/file/" + SITE);
            assertThat(browser.find("#q-desk").getAttribute("value")).isEqualTo("Bureau 2");
            assertThat(browser.scriptErrors()).isEmpty();
        }
    }

    /**
     * The place's box as far as the hub can tell: a client of the broker reading its node's retained content
     * topic, as the agent does, with the protocol's codec.
     */
    private static final class PlaceBox implements AutoCloseable {
        private final List<PlaceContent> received = new CopyOnWriteArrayList<>();
        private final MqttClient client;

        PlaceBox(String brokerUrl) throws Exception {
            client = new MqttClient(brokerUrl, "queue-browser-box", new MemoryPersistence());
            client.connect();
            client.subscribe(Topic.content(SITE, NODE).path(), 1,
                    (topic, message) -> received.add(PlaceContentCodec.decode(message.getPayload())));
        }

        PlaceContent latest() {
            return received.get(received.size() - 1);
        }

        /** The called ticket of that label in the latest content naming it, once the hub has published it. */
        PlaceContent.Called untilCalled(String label) {
            return await().atMost(Duration.ofSeconds(30)).until(() -> received.isEmpty() ? null
                    : latest().queue().calling().stream().filter(called -> label.equals(called.label()))
                    .findFirst().orElse(null), called -> called != null);
        }

        @Override
        public void close() throws Exception {
            client.disconnect();
            client.close();
        }
    }
}
