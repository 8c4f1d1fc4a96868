package fr.relais.hub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.relais.hub.ApiClient;
import fr.relais.hub.place.PlaceTimes;
import fr.relais.hub.workshop.BookingsServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.support.ui.Select;

/**
 * Rendez-vous and Ateliers in headless Chromium on a real hub: what another desk (or the kiosk) books or
 * registers while the mediator has the screen open appears without a reload, from the live channel's
 * "place" event, and the form being typed in keeps its text and focus. A technician chooses the place.
 */
@Tag("browser") // headless Chromium: skip locally with -DexcludedGroups=browser; CI runs it
class PlaceBookingsLiveBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SITE = "rozoy";
    private static final Path SHOTS = Path.of("target", "screenshots");

    @RegisterExtension
    static final DashboardFixture server = new DashboardFixture();
    @RegisterExtension
    static final ChromiumPerClass chromium = new ChromiumPerClass();

    @Test
    void whatAnotherDeskBooksAppearsWithoutAReload() throws Exception {
        Browser browser = chromium.browser();
        // The page leaves before the hub stops (closed first), even on a failure: its live stream is not cut
        // under it, which the console would report as an error.
        try (AutoCloseable leave = () -> browser.open("about:blank")) {
            server.online(SITE, "rozoy-pi");
            ApiClient admin = server.admin();
            ApiClient mediator = server.account("mediatrice-rozoy", "mediator", SITE);
            // The other desk of the place: its writes name the place by its account (a slot's or a workshop's
            // id does not say it).
            ApiClient otherDesk = server.account("mediateur-rozoy", "mediator", SITE);
            String tomorrow = LocalDate.now(PlaceTimes.PARIS).plusDays(1).toString();
            JsonNode slots = send(admin, "POST", "/api/appointments/slots", "{\"site\":\"" + SITE + "\",\"day\":\""
                    + tomorrow + "\",\"from\":\"09:00\",\"to\":\"10:00\",\"minutes\":30,\"with\":\"mediator\","
                    + "\"place\":\"Bureau du médiateur\"}", 201);

            browser.actAs(mediator, server.dashboard() + "#/rendez-vous/" + SITE + "?day=" + tomorrow);
            browser.untilText("#ap-summary", "0 rendez-vous, 2 créneaux libres");
            browser.find("#ap-f-place").clear();
            browser.find("#ap-f-place").sendKeys("Salle 2");
            send(otherDesk, "POST", "/api/appointments/slots/" + slots.path("items").get(0).path("id").asText()
                    + "/booking", "{\"firstName\":\"Josiane\"}", 201);
            browser.untilText("#ap-list .slot.booked", "09:00 – 09:30 · Josiane");
            browser.untilText("#ap-summary", "1 rendez-vous, 1 créneau libre");
            assertThat(browser.script("return document.activeElement.id;")).isEqualTo("ap-f-place");
            assertThat(browser.find("#ap-f-place").getAttribute("value")).isEqualTo("Salle 2");
            shot(browser, "rendez-vous");

            String workshop = send(admin, "POST", "/api/workshops", "{\"site\":\"" + SITE
                    + "\",\"title\":\"Premiers pas\",\"topic\":\"Ordinateur\",\"level\":\"beginner\",\"start\":\""
                    + BookingsServer.at(tomorrow, "14:00") + "\",\"end\":\"" + BookingsServer.at(tomorrow, "16:00")
                    + "\",\"seats\":2,\"professional\":true}", 201).path("id").asText();
            browser.script("location.hash = '#/ateliers';");
            browser.untilText("#ws-list .workshop", "2 places libres sur 2");
            assertThat(browser.find("#ws-list .workshop").getText()).contains("professionnel");
            browser.find("#ws-list .workshop button.open").click();
            browser.untilText("#ws-registrations li", "Personne n'est inscrit pour l'instant.");
            browser.find("#ws-r-name").sendKeys("Luc");
            send(otherDesk, "POST", "/api/workshops/" + workshop + "/registrations", "{\"firstName\":\"Marcel\"}", 201);
            browser.untilText("#ws-registrations .registration", "n° 1 · Marcel");
            browser.untilText("#ws-list .workshop", "1 place libre sur 2");
            assertThat(browser.script("return document.activeElement.id;")).isEqualTo("ws-r-name");
            assertThat(browser.find("#ws-r-name").getAttribute("value")).isEqualTo("Luc");
            shot(browser, "ateliers");
            // A technician runs every place: the first by name unless the address names one, then the one chosen
            // in "Lieu", which goes into the address.
            server.online("montcornet", "montcornet-pi");
            browser.open("about:blank"); // a new page load, not a move within the mediator's page
            browser.actAs(server.account("tech", "technician", null), server.dashboard() + "#/file");
            browser.untilText("#who", "tech");
            browser.untilText("#q-figures", "Personne n'attend");
            String first = new Select(browser.find("#q-site")).getFirstSelectedOption().getAttribute("value");
            assertThat(browser.script("return location.hash;")).isEqualTo("#/file/" + first);
            String other = first.equals(SITE) ? "montcornet" : SITE;
            new Select(browser.find("#q-site")).selectByValue(other);
            browser.until(d -> ("#/file/" + other).equals(browser.script("return location.hash;")));
            browser.untilText("#q-figures", "Personne n'attend");
            assertThat(new Select(browser.find("#q-site")).getFirstSelectedOption().getAttribute("value"))
                    .isEqualTo(other);
            browser.script("location.hash = '#/rendez-vous/montcornet?day=" + tomorrow + "';");
            browser.untilText("#ap-summary", "Aucun créneau ce jour-là.");
            assertThat(new Select(browser.find("#ap-site")).getFirstSelectedOption().getAttribute("value"))
                    .isEqualTo("montcornet");
        }
    }

    private static JsonNode send(ApiClient client, String method, String path, String body, int status)
            throws Exception {
        HttpResponse<String> response = client.send(method, path, body);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private static void shot(Browser browser, String name) throws Exception {
        browser.windowSize(1280, 900);
        browser.fullScreenshot(SHOTS.resolve("live-" + name + "-desktop.png"));
        browser.windowSize(360, 800);
        browser.until(d -> ((Number) browser.script("return window.innerWidth;")).intValue() <= 360);
        browser.fullScreenshot(SHOTS.resolve("live-" + name + "-360px.png"));
        assertThat(((Number) browser.script("return document.documentElement.scrollWidth;")).intValue())
                .as("nothing wider than the phone's screen on " + name).isLessThanOrEqualTo(360);
        browser.windowSize(1280, 900);
    }
}
