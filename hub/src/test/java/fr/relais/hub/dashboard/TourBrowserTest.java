package fr.relais.hub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.relais.hub.TestDatabase;
import fr.relais.hub.van.TourHub;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The screens "Horaires" (#/horaires) and "Tournée du bus" (#/tournee) in headless Chromium against the hub's real router
 * and the example territory, as a place's mediator and the van's agent use them: open now, a
 * particular day and a new period saved; a visit cancelled and shown so; a form left incomplete
 * said beside it; a period being typed kept through a refresh; a viewer told the pages are not theirs.
 * Screenshots land in target/screenshots.
 */
@Tag("browser") // headless Chromium: skip locally with -DexcludedGroups=browser; CI runs it
class TourBrowserTest {
    /** Tuesday 1 December 2026, 09:00 in Rozoy. */
    private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    private static final Path SHOTS = Path.of("target", "screenshots");

    /*
     * One hub and one Chromium for the class: one test changes Rozoy's hours, the other the van's visits, each
     * with its own account; what the hub recorded as changed is forgotten before each test, and the browser is
     * reset between tests.
     */
    @RegisterExtension
    static final ChromiumPerClass chromium = new ChromiumPerClass();
    @TempDir
    static Path dir;

    private static TourHub hub;
    private static String dashboard;
    private Browser browser;

    @BeforeAll
    static void start() throws Exception {
        hub = new TourHub(TestDatabase.Kind.SQLITE, dir, NOW);
        dashboard = "http://127.0.0.1:" + hub.port() + "/";
    }

    @BeforeEach
    void browser() {
        browser = chromium.browser();
        hub.changes.sites.clear();
        hub.changes.all.clear();
    }

    @AfterAll
    static void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void aPlacesMediatorSeesItOpenAddsAParticularDayAndAPeriod() throws Exception {
        browser.actAs(hub.account("mediatrice-rozoy", "mediator", "rozoy"), dashboard);
        // A place's mediator lands on the queue; the hours are one click away.
        browser.until(d -> "page".equals(browser.find("#nav-file").getAttribute("aria-current")) ? true : null);
        browser.find("#nav-horaires").click();
        browser.untilText("#ph-now", "Ouvert en ce moment, jusqu'à 12:00.");
        assertThat(browser.find("#nav-horaires").getAttribute("aria-current")).isEqualTo("page");
        // The address names the place, so that a reload or a bookmark keeps it; the screen is the only one shown.
        assertThat(browser.script("return location.hash;")).isEqualTo("#/horaires/rozoy");
        assertThat(browser.all("#screen > *")).hasSize(1);
        assertThat(browser.find("#ph-site").isDisplayed()).as("a mediator runs one place: no choice").isFalse();
        browser.untilText("#ph-exceptions .exception", "Noël");
        assertThat(browser.find("#ph-example").isDisplayed()).isTrue();
        shots("hours");
        phoneShot("hours-weekly", "#ph-weekly-form");

        // A day closed for the end of the year.
        browser.script("document.getElementById('ph-x-date').value = arguments[0];", "2026-12-31");
        browser.find("#ph-x-label").sendKeys("Saint-Sylvestre");
        browser.find("#ph-exception-form button[type=submit]").click();
        browser.untilText("#ph-notice", "Jour particulier ajouté : jeudi 31 décembre.");
        browser.untilText("#ph-exceptions .exception", "jeudi 31 décembre : fermé (Saint-Sylvestre)");
        // The same day again: refused in plain words.
        browser.find("#ph-exception-form button[type=submit]").click();
        browser.untilText("#ph-exception-error", "Ce jour a déjà un horaire particulier");

        // A Monday morning added to the week.
        browser.find("#ph-add-period").click();
        assertThat(browser.focused().getAttribute("id")).as("the new period's day has the focus")
                .isEqualTo(lastPeriod("day"));
        setLastPeriodCloses("08:00");
        browser.find("#ph-weekly-form button[type=submit]").click();
        browser.untilText("#ph-weekly-error", "Lundi : l'heure de fermeture doit suivre l'heure d'ouverture.");
        setLastPeriodCloses("12:00");
        browser.find("#ph-weekly-form button[type=submit]").click();
        browser.untilText("#ph-notice", "Horaires enregistrés.");
        JsonNode hours = hub.admin.json("/api/places/rozoy/hours");
        assertThat(hours.path("weekly").findValuesAsText("day")).contains("MONDAY").hasSize(10);
        assertThat(hours.path("exceptions").findValuesAsText("label")).contains("Saint-Sylvestre");
        assertThat(hub.changes.sites).contains("rozoy");
        shots("hours-saved");

        // A period typed but not saved survives a refresh of the screen, its value and its focus kept. The refresh
        // is the one that follows the user's own action (a particular day added, the form sent without moving the
        // focus), the same load() a live "reset" or "place" event runs; it brings a day another account added
        // meanwhile, so it is known to have redrawn the lists.
        browser.find("#ph-add-period").click();
        String closes = lastPeriod("closes");
        setLastPeriodCloses("18:30");
        browser.script("document.getElementById(arguments[0]).focus();", closes);
        hub.send(hub.admin, "POST", "/api/places/rozoy/hours/exceptions",
                "{\"date\":\"2026-12-28\",\"closed\":true,\"label\":\"Inventaire\"}", 201);
        browser.script("document.getElementById('ph-x-date').value = '2026-12-29';"
                + " document.getElementById('ph-x-label').value = 'Formation';"
                + " document.getElementById('ph-exception-form').requestSubmit();");
        browser.untilText("#ph-exceptions .exception", "lundi 28 décembre : fermé (Inventaire)");
        browser.untilText("#ph-exceptions .exception", "mardi 29 décembre : fermé (Formation)");
        assertThat(browser.all("#ph-weekly .period")).hasSize(11);
        assertThat(browser.find("#" + closes).getAttribute("value")).isEqualTo("18:30");
        assertThat(browser.focused().getAttribute("id")).isEqualTo(closes);
        assertThat(hub.admin.json("/api/places/rozoy/hours").path("weekly")).as("nothing saved yet").hasSize(10);

        // A particular day deleted, after the question.
        removeRow("#ph-exceptions .exception", "Formation");
        browser.untilText("#ph-notice", "Jour particulier supprimé.");
        browser.until(d -> browser.all("#ph-exceptions .exception").stream()
                .noneMatch(e -> e.getText().contains("Formation")) ? true : null);
        assertThat(browser.find("#" + closes).getAttribute("value")).as("still as typed").isEqualTo("18:30");
    }

    @Test
    void theVansAgentLandsOnTheTour() throws Exception {
        browser.actAs(hub.account("agent-spi-landing", "mediator", "spi"), dashboard);
        browser.untilText("#vt-visits .visit", "Parfondeval");
        assertThat(browser.script("return location.hash;")).isEqualTo("#/tournee");
        assertThat(browser.find("#nav a").getAttribute("id")).isEqualTo("nav-tournee");
        assertThat(browser.find("#nav-tournee").getAttribute("aria-current")).isEqualTo("page");
        // Two weeks of visits first (a phone in the van); the rest of the two months behind one button.
        int soon = browser.all("#vt-visits .visit").size();
        assertThat(browser.find("#vt-more").getText()).startsWith("Voir les ")
                .endsWith(" passages suivants (jusqu'à deux mois)");
        browser.find("#vt-more").click();
        browser.until(d -> d.findElements(By.cssSelector("#vt-visits .visit")).size() > soon);
        assertThat(browser.find("#vt-more").isDisplayed()).isFalse();
    }

    @Test
    void theVansAgentCancelsAVisitAndSeesItSoWithTheCalendarLink() throws Exception {
        browser.actAs(hub.account("agent-spi", "mediator", "spi"), dashboard + "#/tournee");
        browser.untilText("#vt-visits .visit", "Parfondeval");
        assertThat(browser.script("return location.hash;")).isEqualTo("#/tournee");
        assertThat(browser.find("#nav-tournee").getAttribute("aria-current")).isEqualTo("page");
        assertThat(browser.find("#vt-example").isDisplayed()).isTrue();
        assertThat(browser.find("#vt-ics").getAttribute("href")).endsWith("/api/van/tour.ics");
        browser.untilText("#vt-stops .stop", "le 1er mardi du mois, 09:00 – 12:00 · place de la mairie");
        shots("tour");

        // An added visit without its commune: said beside the form, nothing sent.
        new Select(browser.find("#vt-x-kind")).selectByValue("added");
        browser.find("#vt-exception-form button[type=submit]").click();
        browser.untilText("#vt-exception-error", "Choisissez la commune.");
        assertThat(browser.find("#vt-x-commune").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.find("#vt-x-place").isDisplayed()).isTrue();
        assertThat(browser.find("#vt-x-visit").isDisplayed()).isFalse();
        shots("tour-added-form");
        phoneShot("tour-exception-form", "#vt-exception-form");
        phoneShot("tour-stop-form", "#vt-stop-form");

        // Today's visit to Parfondeval cancelled: the bus broke down.
        new Select(browser.find("#vt-x-kind")).selectByValue("cancelled");
        browser.until(d -> d.findElement(By.id("vt-x-visit")).isDisplayed());
        assertThat(browser.find("#vt-x-date").isDisplayed()).isFalse();
        new Select(browser.find("#vt-x-visit")).selectByValue("arret-parfondeval|2026-12-01");
        browser.find("#vt-x-reason").sendKeys("Panne du bus");
        browser.find("#vt-exception-form button[type=submit]").click();
        browser.untilText("#vt-notice", "Passage annulé : enregistré.");
        browser.untilText("#vt-visits .visit.cancelled", "Parfondeval");
        browser.untilText("#vt-visits .visit.cancelled", "Annulé : Panne du bus");
        phoneShot("tour-cancelled-visit", "#vt-visits .visit.cancelled");
        browser.untilText("#vt-exceptions .exception", "Passage annulé · mardi 1 décembre · Parfondeval (Panne du bus)");
        JsonNode visits = hub.admin.json("/api/van/visits?commune=parfondeval&from=2026-12-01&to=2026-12-01");
        assertThat(visits.path("items").get(0).path("status").asText()).isEqualTo("cancelled");
        assertThat(hub.changes.all).isNotEmpty();
        shots("tour-cancelled");

        // A regular stop added, then deleted after the question.
        String commune = (String) browser.script("return document.getElementById('vt-s-commune').options[1].value;");
        String name = (String) browser.script("return document.getElementById('vt-s-commune').options[1].text;");
        new Select(browser.find("#vt-s-commune")).selectByValue(commune);
        browser.find("#vt-stop-form button[type=submit]").click();
        browser.untilText("#vt-stop-error", "Indiquez où le bus stationne.");
        browser.find("#vt-s-place").sendKeys("parking de la salle des fêtes");
        new Select(browser.find("#vt-s-ordinal")).selectByValue("-1");
        new Select(browser.find("#vt-s-weekday")).selectByValue("SATURDAY");
        browser.find("#vt-stop-form button[type=submit]").click();
        browser.untilText("#vt-notice", "Arrêt ajouté : " + name + ".");
        browser.untilText("#vt-stops .stop", "le dernier samedi du mois, 09:00 – 12:00 · parking de la salle des fêtes");
        assertThat(browser.find("#vt-s-place").getAttribute("value")).isEmpty();
        removeRow("#vt-stops .stop", "parking de la salle des fêtes");
        browser.untilText("#vt-notice", "Arrêt supprimé.");
        browser.until(d -> browser.all("#vt-stops .stop").stream()
                .noneMatch(e -> e.getText().contains("salle des fêtes")) ? true : null);
    }

    @Test
    void aTechnicianChoosesThePlaceAndTheAddressKeepsIt() throws Exception {
        browser.actAs(hub.account("technicien-horaires", "technician", null), dashboard + "#/horaires");
        // Without a place in the address, the first by name (the van's) is shown and written into the address.
        browser.until(d -> "#/horaires/spi".equals(browser.script("return location.hash;")) ? true : null);
        browser.untilText("#ph-now", "");
        assertThat(browser.find("#ph-site").isDisplayed()).isTrue();
        new Select(browser.find("#ph-site")).selectByValue("montcornet");
        browser.until(d -> "#/horaires/montcornet".equals(browser.script("return location.hash;")) ? true : null);
        browser.untilText("#ph-exceptions .exception", "vendredi 25 décembre : fermé (Noël)");
        assertThat(new Select(browser.find("#ph-site")).getFirstSelectedOption().getText())
                .isEqualTo("Tiers-lieu numérique de Montcornet");
        // A reload keeps the place chosen.
        browser.reload();
        browser.untilText("#ph-exceptions .exception", "Noël");
        assertThat(new Select(browser.find("#ph-site")).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("montcornet");
    }

    @Test
    void aViewerIsToldThesePagesAreNotTheirs() throws Exception {
        browser.actAs(hub.account("lecteur-rozoy", "viewer", "rozoy"), dashboard + "#/horaires");
        browser.untilText("#screen .place-notice", "Cette page n'est pas la vôtre");
        assertThat(browser.all("#nav-horaires")).isEmpty();
        assertThat(browser.all("#nav-tournee")).isEmpty();
        assertThat(browser.all("#ph-weekly-form")).isEmpty();
        browser.script("location.hash = '#/tournee';");
        browser.untilText("#screen h2", "Tournée du bus France Services");
        browser.untilText("#screen .place-notice", "Cette page n'est pas la vôtre");
        assertThat(browser.all("#vt-exception-form")).isEmpty();
    }

    /** Clicks "Supprimer" in the row that says {@code words}, then "Supprimer" in the question that follows. */
    private void removeRow(String rows, String words) {
        browser.until(d -> {
            for (org.openqa.selenium.WebElement row : browser.all(rows)) {
                if (row.getText().contains(words)) {
                    row.findElement(By.cssSelector("button.remove")).click();
                    return true;
                }
            }
            return null;
        });
        browser.untilText("#confirm-text", "Supprimer").isDisplayed();
        browser.find("#confirm-yes").click();
    }

    /** The id of the last weekly period's control ("day", "opens", "closes"). */
    private String lastPeriod(String control) {
        return (String) browser.script("const i = document.querySelectorAll('#ph-weekly .period').length - 1;"
                + " return 'ph-w-' + arguments[0] + '-' + i;", control);
    }

    /** Types a closing time into the last period as the time picker would (an input event). */
    private void setLastPeriodCloses(String time) {
        browser.script("const c = document.getElementById(arguments[0]); c.value = arguments[1];"
                + " c.dispatchEvent(new Event('input'));", lastPeriod("closes"), time);
    }

    /** What a 360 px phone shows of one part of the page (a form), scrolled to it. */
    private void phoneShot(String name, String css) throws Exception {
        browser.windowSize(360, 800);
        browser.until(d -> ((Number) browser.script("return window.innerWidth;")).intValue() <= 360);
        browser.script("document.querySelector(arguments[0]).scrollIntoView();", css);
        browser.screenshot(SHOTS.resolve("tour-" + name + "-360px-part.png"));
        assertThat(((Number) browser.script("return document.documentElement.scrollWidth;")).intValue())
                .as("nothing wider than the phone's screen on " + name).isLessThanOrEqualTo(360);
        browser.windowSize(1280, 900);
    }

    /** The page as it is now, on a desk and on a 360 px phone. */
    private void shots(String name) throws Exception {
        browser.windowSize(1280, 900);
        browser.fullScreenshot(SHOTS.resolve("tour-" + name + "-desktop.png"));
        browser.windowSize(360, 800);
        browser.until(d -> ((Number) browser.script("return window.innerWidth;")).intValue() <= 360);
        browser.fullScreenshot(SHOTS.resolve("tour-" + name + "-360px.png"));
        assertThat(((Number) browser.script("return document.documentElement.scrollWidth;")).intValue())
                .as("nothing wider than the phone's screen on " + name).isLessThanOrEqualTo(360);
        browser.windowSize(1280, 900);
    }
}
