package fr.relais.hub.dashboard;

import static fr.relais.hub.dashboard.CoworkingPlace.MEMBER_NAME;
import static fr.relais.hub.dashboard.CoworkingPlace.ROOM_NAME;
import static fr.relais.hub.dashboard.CoworkingPlace.SITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fr.relais.broker.MosquittoProcess;
import fr.relais.broker.testing.MosquittoExtension;
import fr.relais.hub.ApiClient;
import fr.relais.hub.HubUnderTest;
import fr.relais.hub.TestDatabase;
import fr.relais.hub.config.HubConfig;
import fr.relais.hub.ingest.MqttSettings;
import fr.relais.hub.telemetry.RetentionSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The coworking page in headless Chromium against a real hub and broker, as the manager of the
 * place uses it: a badge enrolled by passing it on the reader, the meeting room booked, a clash
 * refused in plain words, who is in after the door let the member in. Screenshots of each tab,
 * on a desk and on a 360 px phone, land in target/screenshots for a person to look at.
 */
@Tag("browser") // headless Chromium: skip locally with -DexcludedGroups=browser; CI runs it
class CoworkingBrowserTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** A badge's keyed hash as a node reports it; the page shows only its last 4 hex digits. */
    private static final String BADGE_HASH = "4f1c9a0b2d3e4f5061728394a5b6c7d8e9f00112233445566778899aabbc0de1";
    private static final Path SHOTS = Path.of("target", "screenshots");

    /*
     * One broker, hub, place and Chromium for the class: starting them and creating the place's data took most
     * of each test's time. The tests stay apart by what each creates (its own member, plan, desk or booking)
     * and compare counts with what was there before, not with an empty hub; the browser is reset between tests.
     */
    @RegisterExtension
    static final MosquittoExtension mosquitto = new MosquittoExtension();
    @RegisterExtension
    static final ChromiumPerClass chromium = new ChromiumPerClass();
    @TempDir
    static Path dir;

    private static TestDatabase database;
    private static HubUnderTest hub;
    private static String dashboard;
    private static CoworkingPlace place;
    /** The place's manager and the town hall's viewer, logged in once for the class (BCrypt once each). */
    private static ApiClient manager;
    private static ApiClient viewer;
    private Browser browser;

    @BeforeAll
    static void start(MosquittoProcess broker) throws Exception {
        database = TestDatabase.create(TestDatabase.Kind.SQLITE, dir);
        hub = HubUnderTest.start(broker.url(), new HubConfig("127.0.0.1", 0, database.url(),
                new MqttSettings(broker.url(), "hub-under-test", Optional.empty(), Optional.empty()),
                // The node speaks once, at the start: it must not fall silent while a slow machine runs the class.
                Optional.empty(), Duration.ofMinutes(30), RetentionSettings.DEFAULT, ApiClient.AUTH));
        dashboard = "http://127.0.0.1:" + hub.hub().httpPort() + "/";
        place = new CoworkingPlace(hub);
        place.nodeOnline();
        await().atMost(PATIENCE).until(() -> hub.api().json("/api/devices?site=" + SITE).size() == 2);
        place.data();
        manager = place.account("gerante-rozoy", "manager", SITE);
        viewer = place.account("mairie-rozoy", "viewer", SITE);
    }

    @BeforeEach
    void browser() {
        browser = chromium.browser();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (hub != null) {
                hub.close();
            }
        } finally {
            if (database != null) {
                database.close();
            }
        }
    }

    @Test
    void theManagerEnrolsABadgeBooksTheRoomAndSeesWhoIsIn() throws Exception {
        browser.actAs(manager, dashboard);
        // The manager lands on the coworking page; the remote opening is for admins only.
        browser.untilText("#cw-member-list .cw-row", MEMBER_NAME);
        assertThat(browser.find("#cw-remote").isDisplayed()).isFalse();
        shots("members");

        // Enrolment: the manager opens the member, asks to add a badge, the member passes it.
        browser.untilText("#cw-member-list .cw-row", MEMBER_NAME).click();
        browser.untilText("#cw-member-detail h3", MEMBER_NAME);
        browser.find("#cw-enrol-start").click();
        browser.untilText("#cw-unknown-reads", "En attente d'un badge");
        // The list of reads follows the live channel's door events: the badge is passed once the page listens.
        browser.untilText("#live-status", "connecté");
        place.unknownBadge(BADGE_HASH);
        browser.untilText("#cw-unknown-reads .read", "Badge …0DE1");
        shots("enrol");
        clickButton("#cw-unknown-reads .read", "Attribuer à " + MEMBER_NAME);
        browser.untilText("#cw-notice", "Badge …0DE1 attribué à " + MEMBER_NAME);
        browser.untilText("#cw-member-detail .badge", "Badge …0DE1");
        JsonNode badges = place.badges();
        assertThat(badges).hasSize(1);
        assertThat(badges.get(0).path("label").asText()).isEqualToIgnoringCase("0de1");
        assertThat(badges.get(0).path("status").asText()).isEqualTo("active");
        assertThat(badges.toString()).as("the hash never leaves the hub").doesNotContain(BADGE_HASH);
        shots("member");

        // Booking the meeting room tomorrow from 10:00 to 11:00.
        tab("bookings");
        int bookingsBefore = place.bookings().size();
        String tomorrow = LocalDate.now().plusDays(1).toString();
        book(tomorrow, "10:00", "11:00");
        browser.untilText("#cw-notice", "Réservé : " + ROOM_NAME);
        browser.untilText("#cw-booking-list .booking", "10:00 – 11:00 · " + ROOM_NAME);
        // The same room from 10:30: refused, the clash named in plain words.
        book(tomorrow, "10:30", "11:30");
        WebElement clash = browser.untilText("#cw-booking-error", "Déjà réservé à ce moment-là");
        assertThat(clash.getText()).contains(ROOM_NAME).contains("de 10:00 à 11:00").contains(MEMBER_NAME);
        assertThat(place.bookings()).as("the clash booked nothing").hasSize(bookingsBefore + 1);
        shots("bookings");
        // The week shows it too, with its day.
        browser.find("#cw-book-week").click();
        browser.untilText("#cw-book-period", "Semaine du");
        browser.untilText("#cw-booking-list .booking", MEMBER_NAME);

        // The member badges in: the door lets them in, the page shows them present.
        place.entry(BADGE_HASH);
        tab("presence");
        browser.untilText("#cw-present .present", MEMBER_NAME);
        String csv = browser.find("#cw-p-csv").getAttribute("href");
        assertThat(csv).contains("/api/coworking/presence.csv?site=" + SITE);
        // What the link downloads, with the manager's own session: this month's visit is in it.
        var download = manager.get(csv.substring(csv.indexOf("/api/")));
        assertThat(download.statusCode()).as(download.body()).isEqualTo(200);
        assertThat(download.headers().firstValue("content-type").orElse("")).startsWith("text/csv");
        assertThat(download.body()).contains(MEMBER_NAME);
        shots("presence");

        // The doors' log says it in French: the unknown badge refused, the member let in.
        tab("log");
        browser.untilText("#cw-log-list .denied", "Badge inconnu");
        browser.untilText("#cw-log-list .granted", MEMBER_NAME);
        shots("log");
        tab("plans");
        browser.untilText("#cw-plan-list .plan", "Abonnement mensuel");
        shots("plans");
    }

    @Test
    void theManagerAddsAMemberFindsThemAndSuspendsThemOnlyOnceConfirmed() throws Exception {
        browser.actAs(manager, dashboard);
        browser.untilText("#cw-member-list .cw-row", MEMBER_NAME);
        browser.find("#cw-add-member").click();
        browser.find("#cw-member-form button[type=submit]").click();
        browser.untilText("#cw-member-error", "Saisissez le nom du membre.");
        browser.find("#cw-m-name").sendKeys("Lucie Bernard");
        browser.find("#cw-m-org").sendKeys("Atelier de reliure");
        new Select(browser.find("#cw-m-plan")).selectByVisibleText("Abonnement mensuel");
        browser.find("#cw-member-form button[type=submit]").click();
        // Added, and straight on their page, where the next step (a badge) is.
        browser.untilText("#cw-member-detail h3", "Lucie Bernard");
        browser.untilText("#cw-notice", "Lucie Bernard est ajouté");
        // Another plan for her, from her page.
        new Select(browser.find("#cw-d-plan")).selectByVisibleText("Sans formule");
        clickButton("#cw-member-detail form", "Changer de formule");
        browser.untilText("#cw-notice", "Formule changée : sans formule.");
        for (JsonNode member : hub.api().json("/api/coworking/members?site=" + SITE).path("items")) {
            if (member.path("name").asText().equals("Lucie Bernard")) {
                assertThat(member.path("planId").isNull()).as("no plan any more").isTrue();
            }
        }
        browser.find("#cw-member-detail .back").click();

        browser.find("#cw-search").sendKeys("reliure");
        browser.until(d -> d.findElements(By.cssSelector("#cw-member-list .cw-row")).size() == 1);
        browser.untilText("#cw-member-list .cw-row", "Lucie Bernard").click();
        clickButton("#cw-member-detail .member-actions", "Suspendre le membre");
        browser.untilText("#confirm-text", "Suspendre Lucie Bernard ?");
        browser.find("#confirm-no").click();
        browser.until(d -> d.findElements(By.id("confirm")).isEmpty());
        JsonNode members = hub.api().json("/api/coworking/members?site=" + SITE + "&limit=10").path("items");
        assertThat(members.findValuesAsText("status")).as("cancelled: nothing changed").containsOnly("active");
        clickButton("#cw-member-detail .member-actions", "Suspendre le membre");
        browser.untilText("#confirm-text", "Suspendre Lucie Bernard ?");
        browser.find("#confirm-yes").click();
        browser.untilText("#cw-member-detail .status-line", "Suspendu");
        await().atMost(PATIENCE).until(() -> hub.api().json("/api/coworking/members?site=" + SITE + "&status=suspended")
                .path("items").findValuesAsText("name").contains("Lucie Bernard"));
    }

    @Test
    void aWrongFormIsSaidBesideItAndADeskAddedThereCanBeBookedAtOnce() throws Exception {
        // The old page's address still works: it leads to the screen, the place written into the address.
        browser.actAs(manager, dashboard + "#coworking");
        browser.untilText("#cw-member-list .cw-row", MEMBER_NAME);
        browser.until(d -> d.getCurrentUrl().endsWith("#/coworking/" + SITE));
        tab("bookings");
        int bookingsBefore = place.bookings().size();
        browser.until(d -> new Select(d.findElement(By.id("cw-b-member"))).getOptions().size() > 1);
        browser.find("#cw-booking-form button[type=submit]").click();
        browser.untilText("#cw-booking-error", "Choisissez le membre.");
        assertThat(browser.find("#cw-b-member").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(place.bookings()).as("nothing booked").hasSize(bookingsBefore);

        // A desk added from the same tab can be booked at once.
        browser.find("#cw-resources summary").click();
        browser.find("#cw-rs-name").sendKeys("Bureau 3");
        browser.find("#cw-resource-form button[type=submit]").click();
        browser.untilText("#cw-notice", "« Bureau 3 » ajouté");
        browser.until(d -> new Select(d.findElement(By.id("cw-b-resource"))).getOptions().stream()
                .anyMatch(option -> option.getText().equals("Bureau 3")));
        assertThat(hub.api().json("/api/coworking/resources?site=" + SITE).path("items").findValuesAsText("kind"))
                .containsExactlyInAnyOrder("room", "desk");
    }

    @Test
    void theManagerCreatesAPackOfDaysFromTheForm() throws Exception {
        browser.actAs(manager, dashboard + "#/coworking");
        browser.untilText("#cw-member-list .cw-row", MEMBER_NAME);
        tab("plans");
        browser.untilText("#cw-pl-doors", "Porte d'entrée");
        browser.find("#cw-pl-name").sendKeys("Carnet 10 jours");
        new Select(browser.find("#cw-pl-kind")).selectByVisibleText("Carnet de jours");
        browser.find("label[for=cw-pl-day-sat]").click();
        browser.find("#cw-plan-form button[type=submit]").click();
        browser.untilText("#cw-notice", "Formule « Carnet 10 jours » créée.");
        browser.untilText("#cw-plan-list .plan", "du lundi au samedi");
        JsonNode plan = null;
        for (JsonNode each : hub.api().json("/api/coworking/plans?site=" + SITE).path("items")) {
            if (each.path("name").asText().equals("Carnet 10 jours")) {
                plan = each;
            }
        }
        assertThat(plan).as("the plan as the hub keeps it").isNotNull();
        assertThat(plan.path("kind").asText()).isEqualTo("pack");
        assertThat(plan.path("packDays").asInt()).isEqualTo(10);
        assertThat(plan.path("doors").toString()).isEqualTo("[\"" + CoworkingPlace.DOOR + "\"]");
        assertThat(plan.path("windows").toString()).isEqualTo(
                "[{\"days\":[\"mon\",\"tue\",\"wed\",\"thu\",\"fri\",\"sat\"],\"from\":\"08:00\",\"until\":\"19:00\"}]");
    }

    @Test
    void theTabsAreATabListKeptInTheAddress() throws Exception {
        browser.actAs(manager, dashboard + "#/coworking?tab=log");
        // The place goes into the address, the tab asked for is the one shown.
        browser.until(d -> d.getCurrentUrl().endsWith("#/coworking/" + SITE + "?tab=log"));
        browser.until(d -> d.findElement(By.id("tab-log")).getAttribute("aria-selected").equals("true"));
        assertThat(browser.find("#cw-log").isDisplayed()).isTrue();
        assertThat(browser.find("#cw-members").isDisplayed()).isFalse();
        // The arrows move along the tabs and the focus with them; the address follows.
        browser.find("#tab-log").click();
        browser.focused().sendKeys(Keys.ARROW_RIGHT);
        browser.until(d -> d.findElement(By.id("tab-plans")).getAttribute("aria-selected").equals("true"));
        assertThat(browser.focused().getAttribute("id")).isEqualTo("tab-plans");
        assertThat(browser.find("#tab-log").getAttribute("tabindex")).isEqualTo("-1");
        browser.until(d -> d.getCurrentUrl().endsWith("?tab=plans"));
        browser.untilText("#cw-plan-list .plan", "Abonnement mensuel");
        browser.focused().sendKeys(Keys.ARROW_RIGHT);
        browser.until(d -> d.findElement(By.id("tab-members")).getAttribute("aria-selected").equals("true"));
        browser.until(d -> d.getCurrentUrl().endsWith("#/coworking/" + SITE));
        // Back goes to the tab before.
        browser.script("history.back();");
        browser.until(d -> d.findElement(By.id("tab-plans")).getAttribute("aria-selected").equals("true"));
    }

    @Test
    void theLogFollowsTheDoorsWithoutAReload() throws Exception {
        browser.actAs(manager, dashboard + "#/coworking?tab=log");
        browser.until(d -> d.findElement(By.id("tab-log")).getAttribute("aria-selected").equals("true"));
        browser.untilText("#live-status", "connecté");
        browser.untilText("#cw-log-list li", "");
        int before = browser.all("#cw-log-list .denied").size();
        // A badge nobody has is refused at the door: the live channel brings it, the list is read again.
        place.unknownBadge("0123456789abcdef0123456789abcdef0123456789abcdef0123456789ab7a2f");
        browser.until(d -> d.findElements(By.cssSelector("#cw-log-list .denied")).size() == before + 1);
        browser.untilText("#cw-log-list .denied", "Badge inconnu");
    }

    @Test
    void anAdminChoosesThePlaceAndTheAddressFollows() throws Exception {
        place.otherPlaceOnline("vervins-coworking", "Coworking de Vervins");
        await().atMost(PATIENCE).until(() -> hub.api().json("/api/sites").toString().contains("vervins-coworking"));
        browser.actAs(hub.api(), dashboard + "#/coworking?tab=members");
        // The first place by name, written into the address; the other one is a choice away.
        browser.untilText("#cw-member-list .cw-row", MEMBER_NAME);
        browser.until(d -> d.getCurrentUrl().contains("#/coworking/" + SITE));
        new Select(browser.find("#cw-site")).selectByVisibleText("Coworking de Vervins");
        browser.until(d -> d.getCurrentUrl().endsWith("#/coworking/vervins-coworking"));
        browser.untilText("#cw-members .empty", "Pas encore de membre");
        assertThat(browser.all("#cw-member-list .cw-row")).isEmpty();
        shots("other-place");
        browser.script("history.back();");
        browser.untilText("#cw-member-list .cw-row", MEMBER_NAME);
        assertThat(new Select(browser.find("#cw-site")).getFirstSelectedOption().getText())
                .isEqualTo("Coworking de Rozoy-sur-Serre");
    }

    @Test
    void anAdminSeesTheRemoteOpeningAndItAsksFirst() throws Exception {
        browser.actAs(hub.api(), dashboard + "#/coworking");
        browser.untilText("#cw-member-list .cw-row", MEMBER_NAME);
        tab("log");
        WebElement open = browser.untilText("#cw-r-open", "Ouvrir la porte à distance");
        browser.until(d -> open.isEnabled());
        open.click();
        browser.untilText("#confirm-text", "Porte d'entrée");
        shots("remote-open");
        browser.find("#confirm-no").click();
        browser.until(d -> d.findElements(By.id("confirm")).isEmpty());
        assertThat(hub.api().json("/api/nodes/" + CoworkingPlace.NODE + "/commands")).as("nothing sent").isEmpty();
    }

    @Test
    void aViewerDoesNotSeeThePage() throws Exception {
        browser.actAs(viewer, dashboard + "#/coworking");
        browser.untilText("#who", "lecture seule");
        // No link to it in the nav, and its address says plainly that the page is not theirs, with none of its data.
        browser.untilText("#nav a", "Alertes");
        assertThat(browser.all("#nav-coworking")).isEmpty();
        browser.untilText("#cw-not-yours", "réservée aux gérants du coworking et aux techniciens");
        assertThat(browser.all("#cw-tabs")).isEmpty();
        assertThat(browser.all("#cw-member-list")).isEmpty();
        shots("viewer");
    }

    private void tab(String name) {
        browser.find("#tab-" + name).click();
        browser.until(d -> d.findElement(By.id("tab-" + name)).getAttribute("aria-selected").equals("true"));
    }

    private void book(String date, String from, String until) {
        new Select(browser.until(d -> {
            WebElement select = d.findElement(By.id("cw-b-member"));
            return new Select(select).getOptions().size() > 1 ? select : null;
        })).selectByVisibleText(MEMBER_NAME);
        new Select(browser.find("#cw-b-resource")).selectByVisibleText(ROOM_NAME);
        // The browser's own date and time pickers are not what is tested here: the values are set as they would leave them.
        browser.script("document.getElementById('cw-b-date').value = arguments[0];"
                + " document.getElementById('cw-b-from').value = arguments[1];"
                + " document.getElementById('cw-b-until').value = arguments[2];", date, from, until);
        browser.find("#cw-booking-form button[type=submit]").click();
    }

    private void clickButton(String rowCss, String label) {
        browser.until(d -> {
            for (WebElement row : d.findElements(By.cssSelector(rowCss))) {
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

    /** The page as it is now, on a desk and on a 360 px phone, where nothing may be wider than the screen. */
    private void shots(String name) throws Exception {
        browser.windowSize(1280, 900);
        browser.fullScreenshot(SHOTS.resolve("coworking-" + name + "-desktop.png"));
        browser.windowSize(360, 800);
        browser.until(d -> ((Number) browser.script("return window.innerWidth;")).intValue() <= 360);
        browser.fullScreenshot(SHOTS.resolve("coworking-" + name + "-360px.png"));
        assertThat(((Number) browser.script("return document.documentElement.scrollWidth;")).intValue())
                .as("nothing wider than the phone's screen on " + name).isLessThanOrEqualTo(360);
        browser.windowSize(1200, 900);
    }
}
