package fr.relais.hub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.hub.ApiClient;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The Journal d'audit against a real hub: the administrator's own writes listed with who, what, status and
 * summary; a username filter kept in the address through a reload; "Voir plus" across pages; a phone; and a
 * technician told in French that the journal is for administrators, without the hub being asked.
 */
@Tag("browser") // headless Chromium: skip locally with -DexcludedGroups=browser; CI runs it
class AuditBrowserTest {
    private static final Path SHOTS = Path.of("target", "screenshots");
    private static final String ROW = "#screen .audit-table tbody tr";
    /** One more than a page: the technician's login and their 54 refused writes. */
    private static final int PAGER_ROWS = 55;

    @RegisterExtension
    static final DashboardFixture hub = new DashboardFixture(DashboardFixture.Option.ALERTS_EVERY_SECOND);
    @RegisterExtension
    static final ChromiumPerClass chromium = new ChromiumPerClass();
    private static ApiClient technician;

    @BeforeAll
    static void start() throws Exception {
        technician = hub.account("pagination", "technician", null);
        for (int i = 1; i < PAGER_ROWS; i++) {
            // Refused writes are audited too: a node the hub does not know.
            assertThat(technician.send("POST", "/api/nodes/inconnu-" + i + "/commands", "{\"name\":\"ping\"}")
                    .statusCode()).isEqualTo(404);
        }
    }

    private static String hash(Browser browser) {
        return (String) browser.script("return location.hash;");
    }

    @Test
    void theAdministratorsOwnWritesAreListedNewestFirst() throws Exception {
        hub.account("nouveau-technicien", "technician", null);
        Browser browser = chromium.browser();
        browser.windowSize(1280, 800);
        browser.actAs(hub.admin(), hub.dashboard() + "#/audit?username=admin");
        browser.untilText(ROW, "POST /api/accounts");
        WebElement newest = browser.all(ROW).get(0);
        assertThat(newest.getText()).contains("admin", "POST /api/accounts", "201", "nouveau-technicien");
        assertThat(browser.all(ROW)).allSatisfy(row -> assertThat(row.getText()).contains("admin"));
        assertThat(browser.find("#screen .audit-table thead").getText()).contains("Quand", "Qui", "Quoi", "Statut",
                "Adresse", "Résumé");
        assertThat(browser.find("#screen .audit-table tbody").getText()).as("the technician's writes are not the admin's")
                .doesNotContain("/api/nodes/inconnu-");
        browser.screenshot(SHOTS.resolve("audit-1280x800.png"));
    }

    @Test
    void aUsernameFilterStaysInTheAddressAndVoirPlusReadsTheNextPage() throws Exception {
        Browser browser = chromium.browser();
        browser.actAs(hub.admin(), hub.dashboard() + "#/audit");
        browser.until(d -> !browser.all(ROW).isEmpty());
        WebElement username = browser.find("#audit-username");
        username.sendKeys("pagination", Keys.ENTER);
        browser.until(d -> hash(browser).equals("#/audit?username=pagination"));
        browser.until(d -> browser.all(ROW).size() == 50);
        assertThat(browser.find(".audit-count").getText()).isEqualTo("50 écritures affichées (il y en a d'autres).");
        assertThat(browser.all(ROW)).allSatisfy(row -> assertThat(row.getText()).contains("pagination"));
        assertThat(browser.all(ROW).get(0).getText()).as("the newest first").contains("/api/nodes/inconnu-54/commands",
                "404");

        browser.reload();
        browser.until(d -> browser.all(ROW).size() == 50);
        assertThat(browser.find("#audit-username").getAttribute("value")).isEqualTo("pagination");
        browser.find("button.more").click();
        browser.until(d -> browser.all(ROW).size() == PAGER_ROWS);
        assertThat(browser.all(ROW).get(PAGER_ROWS - 1).getText()).as("the oldest: the login").contains(
                "POST /api/login");
        assertThat(browser.find(".audit-count").getText()).isEqualTo("55 écritures affichées.");
        assertThat(browser.find("button.more").isDisplayed()).isFalse();

        // Days in the address too: today's rows are there, none tomorrow.
        String today = LocalDate.now(ZoneId.of("Europe/Paris")).toString();
        browser.open(hub.dashboard() + "#/audit?username=pagination&from=" + today + "&to=" + today);
        browser.until(d -> browser.all(ROW).size() == 50);
        assertThat(browser.find("#audit-from").getAttribute("value")).isEqualTo(today);
        String tomorrow = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(1).toString();
        browser.open(hub.dashboard() + "#/audit?username=pagination&from=" + tomorrow);
        browser.untilText("#screen .audit .empty", "Aucune écriture pour ces filtres.");
        assertThat(browser.all(ROW)).isEmpty();
        // Days the wrong way round are said in French, not sent (the hub would answer 400);
        // a garbage day is dropped.
        browser.open(hub.dashboard() + "#/audit?username=pagination&from=" + tomorrow + "&to=" + today);
        browser.untilText("#screen .audit .notice", "Le dernier jour (« Au ») doit venir après le premier (« Du »).");
        assertThat(browser.all(ROW)).isEmpty();
        browser.open(hub.dashboard() + "#/audit?username=pagination&from=hier");
        browser.until(d -> browser.all(ROW).size() == 50);
        assertThat(browser.find("#audit-from").getAttribute("value")).isEmpty();
    }

    @Test
    void onAPhoneEachRowIsACardWithinTheScreen() throws Exception {
        Browser browser = chromium.browser();
        browser.actAs(hub.admin(), hub.dashboard() + "#/audit?username=pagination");
        browser.windowSize(360, 740);
        browser.until(d -> ((Number) browser.script("return window.innerWidth;")).intValue() <= 360);
        browser.until(d -> browser.all(ROW).size() == 50);
        assertThat(((Number) browser.script("return document.documentElement.scrollWidth;")).intValue())
                .as("nothing wider than the phone's screen").isLessThanOrEqualTo(360);
        browser.screenshot(SHOTS.resolve("audit-360x740.png"));
        browser.fullScreenshot(SHOTS.resolve("audit-360-full.png"));
        browser.script("document.querySelector('#screen .audit-panel').scrollIntoView();");
        browser.screenshot(SHOTS.resolve("audit-360-rows.png"));
    }

    @Test
    void aTechnicianIsToldTheJournalIsForAdministrators() throws Exception {
        Browser browser = chromium.browser();
        browser.actAs(technician, hub.dashboard() + "#/audit");
        browser.untilText("#screen .audit .refused", "Réservé aux administrateurs");
        assertThat(browser.all(ROW)).isEmpty();
        assertThat(browser.all("#nav a[data-screen='audit']")).as("not in a technician's nav").isEmpty();
        assertThat(technician.get("/api/audit").statusCode()).as("the hub refuses anyway").isEqualTo(403);
    }
}
