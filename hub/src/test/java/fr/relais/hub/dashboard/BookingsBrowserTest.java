package fr.relais.hub.dashboard;

import static fr.relais.hub.workshop.BookingsServer.SITE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.relais.hub.ApiClient;
import fr.relais.hub.TestDatabase;
import fr.relais.hub.place.PlaceTimes;
import fr.relais.hub.workshop.BookingsServer;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The pages "Ateliers" and "Rendez-vous" in headless Chromium, as the mediator of Rozoy uses them
 * against the hub's real API: a workshop created, people registered until it is full, one
 * unregistered, a workshop cancelled; a morning cut in slots, a booking of the kiosk cancelled.
 * Screenshots land in target/screenshots for a person to look at.
 */
@Tag("browser") // headless Chromium: skip locally with -DexcludedGroups=browser; CI runs it
class BookingsBrowserTest {
    private static final Path SHOTS = Path.of("target", "screenshots");

    /*
     * One server and one Chromium for the class: the workshops, the appointments and the viewer's test touch
     * different things (a workshop each creates, tomorrow's slots, nothing), and the browser is reset between
     * tests.
     */
    @RegisterExtension
    static final ChromiumPerClass chromium = new ChromiumPerClass();
    @TempDir
    static Path dir;

    private static BookingsServer server;
    private static String dashboard;
    /** Rozoy's mediator, logged in once for the class (BCrypt once). */
    private static ApiClient mediator;
    private Browser browser;
    private final String tomorrow = LocalDate.now(PlaceTimes.PARIS).plusDays(1).toString();

    @BeforeAll
    static void start() throws Exception {
        server = new BookingsServer(TestDatabase.Kind.SQLITE, dir);
        dashboard = "http://127.0.0.1:" + server.port() + "/";
        mediator = server.account("mediatrice-rozoy", "mediator", SITE);
    }

    @BeforeEach
    void browser() {
        browser = chromium.browser();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theMediatorRunsTheWorkshops() throws Exception {
        String workshop = server.workshop(server.admin, SITE, 2);
        browser.actAs(mediator, dashboard + "#/ateliers");
        browser.untilText("#ws-list .workshop", "2 places libres sur 2");
        assertThat(browser.script("return location.hash;")).as("the place is in the address")
                .isEqualTo("#/ateliers/" + SITE);
        assertThat(browser.find("#nav-ateliers").getAttribute("aria-current")).isEqualTo("page");
        assertThat(browser.all("#nav-coworking")).noneMatch(WebElement::isDisplayed);

        // A new workshop from the form; a missing title is said first.
        browser.find("#ws-form button[type=submit]").click();
        browser.untilText("#ws-form-error", "Indiquez le titre.");
        browser.find("#ws-f-title").sendKeys("Créer son adresse électronique");
        browser.find("#ws-f-topic").sendKeys("Courriel");
        browser.script("document.getElementById('ws-f-date').value = arguments[0];"
                + " document.getElementById('ws-f-from').value = '10:00';"
                + " document.getElementById('ws-f-to').value = '11:30';", tomorrow);
        browser.find("#ws-f-seats").clear();
        browser.find("#ws-f-seats").sendKeys("3");
        browser.find("#ws-form button[type=submit]").click();
        browser.untilText("#ws-notice", "Atelier « Créer son adresse électronique » créé.");
        browser.untilText("#ws-list .workshop", "Créer son adresse électronique");
        JsonNode created = null;
        for (JsonNode each : server.admin.json("/api/workshops?site=" + SITE).path("items")) {
            if (each.path("title").asText().startsWith("Créer")) {
                created = each;
            }
        }
        assertThat(created).isNotNull();
        assertThat(created.path("start").asText()).isEqualTo(BookingsServer.at(tomorrow, "10:00"));
        assertThat(created.path("seats").asInt()).isEqualTo(3);
        shot("workshops");

        // Registrations at the desk: a first name, then anonymously, then full.
        clickIn("#ws-list .workshop", "Premiers pas", "Inscriptions");
        browser.untilText("#ws-detail-title", "Inscriptions : Premiers pas");
        browser.find("#ws-r-name").sendKeys("Lucie");
        browser.find("#ws-register button[type=submit]").click();
        browser.untilText("#ws-notice", "Inscrit n° 1 (Lucie) : code ");
        browser.find("#ws-register button[type=submit]").click();
        browser.untilText("#ws-notice", "Inscrit n° 2 : code ");
        browser.find("#ws-register button[type=submit]").click();
        browser.untilText("#ws-notice", "Plus de place pour cet atelier");
        browser.untilText("#ws-registrations .registration", "n° 2 · anonyme");
        browser.untilText("#ws-list .workshop", "Complet (2 places)");
        shot("registrations");
        clickIn("#ws-registrations .registration", "Lucie", "Désinscrire");
        browser.untilText("#ws-notice", "Inscription n° 1 annulée : la place est libre.");
        browser.untilText("#ws-list .workshop", "1 place libre sur 2");
        assertThat(server.admin.json("/api/workshops/" + workshop + "/registrations").path("items")
                .findValuesAsText("cancelledAt")).hasSize(2);

        // Cancelling a workshop asks first.
        clickIn("#ws-list .workshop", "Créer son adresse", "Annuler l'atelier");
        browser.untilText("#confirm-text", "Annuler l'atelier « Créer son adresse électronique » ?");
        browser.find("#confirm-yes").click();
        browser.untilText("#ws-notice", "annulé");
        browser.untilText("#ws-list .workshop.cancelled", "Annulé");
    }

    @Test
    void theMediatorOpensAMorningOfSlotsAndCancelsAnAppointment() throws Exception {
        // The old address still leads there.
        browser.actAs(mediator, dashboard + "#rendez-vous");
        browser.untilText("#ap-summary", "Aucun créneau ce jour-là.");
        browser.script("document.getElementById('ap-f-day').value = arguments[0];"
                + " document.getElementById('ap-f-from').value = '09:00';"
                + " document.getElementById('ap-f-to').value = '10:00';", tomorrow);
        browser.find("#ap-form button[type=submit]").click();
        browser.untilText("#ap-notice", "2 créneaux créés");
        browser.untilText("#ap-list .slot.free", "09:00 – 09:30 · Libre");
        assertThat(browser.script("return location.hash;")).as("the day is in the address")
                .isEqualTo("#/rendez-vous/" + SITE + "?day=" + tomorrow);
        JsonNode slots = server.admin.json("/api/appointments?site=" + SITE + "&day=" + tomorrow).path("items");
        assertThat(slots).hasSize(2);
        // Booked meanwhile: the page shows it when read again (this test server's live channel is fed by nothing:
        // the live refresh is PlaceBookingsLiveBrowserTest's, on a real hub); the address keeps the day.
        String code = server.send(server.admin, "POST", "/api/appointments/slots/" + slots.get(0).path("id").asText()
                + "/booking", "{\"firstName\":\"Josiane\"}", 201).path("code").asText();
        browser.reload();
        browser.untilText("#ap-list .slot.booked", "09:00 – 09:30 · Josiane");
        browser.untilText("#ap-list .slot.booked", "code " + code);
        browser.untilText("#ap-summary", "1 rendez-vous, 1 créneau libre");
        shot("appointments");
        clickIn("#ap-list .slot", "Josiane", "Annuler le rendez-vous");
        browser.untilText("#confirm-text", "Annuler le rendez-vous de Josiane à 09:00 ?");
        browser.find("#confirm-yes").click();
        browser.untilText("#ap-notice", "Rendez-vous de Josiane annulé : le créneau est libre.");
        browser.until(d -> d.findElements(By.cssSelector("#ap-list .slot.free")).size() == 2);
        assertThat(server.admin.json("/api/appointments/slots?site=" + SITE + "&free=true").path("items")).hasSize(2);
    }

    @Test
    void aViewerIsToldThePlacePagesAreNotTheirs() throws Exception {
        browser.actAs(server.account("mairie-rozoy", "viewer", SITE), dashboard + "#/ateliers");
        browser.untilText("#who", "lecture seule");
        browser.untilText(".ateliers .place-notice", "votre compte ne permet pas de l'utiliser");
        assertThat(browser.all("#ws-list, #ws-form")).isEmpty();
        assertThat(browser.all("#nav-ateliers, #nav-rendez-vous, #nav-file")).noneMatch(WebElement::isDisplayed);
        browser.open(dashboard + "#/rendez-vous");
        browser.untilText(".rendez-vous .place-notice", "votre compte ne permet pas de l'utiliser");
        assertThat(browser.all("#ap-list, #ap-form")).isEmpty();
        browser.open(dashboard + "#/file");
        browser.untilText(".file .place-notice", "votre compte ne permet pas de l'utiliser");
        assertThat(browser.all("#q-next")).isEmpty();
    }

    private void clickIn(String rowCss, String rowText, String label) {
        browser.until(d -> {
            for (WebElement row : d.findElements(By.cssSelector(rowCss))) {
                if (!row.getText().contains(rowText)) {
                    continue;
                }
                for (WebElement button : row.findElements(By.tagName("button"))) {
                    if (button.getText().contains(label)) {
                        button.click();
                        return true;
                    }
                }
            }
            return null;
        });
    }

    /** The page on a desk and on a 360 px phone, where nothing may be wider than the screen. */
    private void shot(String name) throws Exception {
        browser.windowSize(1280, 900);
        browser.fullScreenshot(SHOTS.resolve("bookings-" + name + "-desktop.png"));
        browser.windowSize(360, 800);
        browser.until(d -> ((Number) browser.script("return window.innerWidth;")).intValue() <= 360);
        browser.fullScreenshot(SHOTS.resolve("bookings-" + name + "-360px.png"));
        assertThat(((Number) browser.script("return document.documentElement.scrollWidth;")).intValue())
                .as("nothing wider than the phone's screen on " + name).isLessThanOrEqualTo(360);
        browser.windowSize(1200, 900);
    }
}
