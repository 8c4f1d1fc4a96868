package fr.relais.hub.dashboard;

import static fr.relais.hub.dashboard.DashboardFixture.device;
import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.hub.ApiClient;
import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.SiteKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The dashboard's shell against a real hub holding the example territory: per role, the links of the nav and
 * where a session lands when the address names no screen; the old pages' addresses ("#flotte", "#queue"…) sent on
 * to the screens that replaced them; a wrong password said in words; logging out takes the nav and the screen away.
 */
@Tag("browser") // headless Chromium: skip locally with -DexcludedGroups=browser; CI runs it
class NavigationBrowserTest {
    private static final Path SHOTS = Path.of("target", "screenshots");
    /** The place pages' links every role that runs places has, in the nav's order. */
    private static final List<String> PLACE_PAGES = List.of("nav-ateliers", "nav-rendez-vous", "nav-horaires");

    @RegisterExtension
    static final DashboardFixture hub = new DashboardFixture(DashboardFixture.Option.EXAMPLE_TERRITORY);
    @RegisterExtension
    static final ChromiumPerClass chromium = new ChromiumPerClass();

    /** Each account's place has spoken once, so that the hub knows its kind (the van's agents land on the tour). */
    @BeforeAll
    static void start() throws Exception {
        hub.online("rozoy", "rozoy-pi", List.of(device("printer-1", DeviceKind.PRINTER, "Imprimante")));
        hub.online("montcornet", "montcornet-pi", List.of(device("printer-1", DeviceKind.PRINTER, "Imprimante")));
        hub.online("rozoy-coworking", "Coworking de Rozoy", SiteKind.COWORKING, "cowork-pi",
                List.of(device("reader-1", DeviceKind.BADGE_READER, "Lecteur de badges")));
        hub.online("spi", "Service public itinérant (SPI)", SiteKind.VAN, "spi-pi",
                List.of(device("probe-4g", DeviceKind.PROBE, "Sonde 4G")));
    }

    private static String hash(Browser browser) {
        return (String) browser.script("return location.hash;");
    }

    /** The nav's links by id, in order, once it is drawn. */
    private static List<String> links(Browser browser) {
        browser.until(d -> !browser.all("#nav a").isEmpty());
        return browser.all("#nav a").stream().map(link -> link.getAttribute("id")).toList();
    }

    /** Opens the dashboard without a screen as that account, then checks where it landed and its links. */
    private static void landsOn(ApiClient account, String landing, String landingLink, List<String> expected) {
        Browser browser = chromium.browser();
        browser.actAs(account, hub.dashboard());
        // A place page may add the place it chose to the address ("#/file/rozoy").
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(hash(browser)).as("where the session landed").matches(
                        java.util.regex.Pattern.quote(landing) + "(/.*)?"));
        assertThat(links(browser)).containsExactlyElementsOf(expected);
        browser.until(d -> "page".equals(browser.find("#" + landingLink).getAttribute("aria-current")));
        assertThat(browser.all("#nav a[aria-current=page]")).as("one link is the screen shown").hasSize(1);
        assertThat(browser.find("#summary").isDisplayed()).as("nothing left to say under the title").isFalse();
    }

    private static List<String> join(List<String> first, List<String> middle, List<String> last) {
        return java.util.stream.Stream.of(first, middle, last).flatMap(List::stream).toList();
    }

    @Test
    void anAdministratorLandsOnTheTerritoryWithEveryLink() throws Exception {
        landsOn(hub.admin(), "#/territoire", "nav-territoire", join(List.of("nav-territoire", "nav-alertes",
                "nav-file"), PLACE_PAGES, List.of("nav-tournee", "nav-coworking", "nav-debit", "nav-audit")));
    }

    @Test
    void aTechnicianLandsOnTheTerritoryWithoutTheAudit() throws Exception {
        landsOn(hub.account("tech", "technician", null), "#/territoire", "nav-territoire",
                join(List.of("nav-territoire", "nav-alertes", "nav-file"), PLACE_PAGES,
                        List.of("nav-tournee", "nav-coworking", "nav-debit")));
    }

    @Test
    void aManagerLandsOnTheCoworking() throws Exception {
        landsOn(hub.account("gerante", "manager", "rozoy-coworking"), "#/coworking", "nav-coworking",
                join(List.of("nav-coworking", "nav-lieu", "nav-alertes", "nav-file"), PLACE_PAGES,
                        List.of("nav-tournee", "nav-frequentation", "nav-debit")));
    }

    @Test
    void aMediatorOfAMediationPlaceLandsOnTheQueue() throws Exception {
        landsOn(hub.account("mediatrice", "mediator", "rozoy"), "#/file", "nav-file",
                join(List.of("nav-file", "nav-lieu", "nav-alertes"), PLACE_PAGES,
                        List.of("nav-tournee", "nav-frequentation")));
        Browser browser = chromium.browser();
        assertThat(browser.find("#nav-lieu").getAttribute("href")).endsWith("#/lieu/rozoy");
        assertThat(browser.find("#who").getText()).isEqualTo("mediatrice (médiation, rozoy)");
        // An address that names no screen says so, and its link leads back to the account's first screen.
        browser.open(hub.dashboard() + "#/nulle-part");
        browser.untilText("#screen .unknown", "Cette adresse ne correspond à aucun écran.");
        browser.find("#back-home").click();
        browser.until(d -> hash(browser).startsWith("#/file"));
    }

    @Test
    void aMediatorOfTheVanLandsOnTheTour() throws Exception {
        landsOn(hub.account("agent-bus", "mediator", "spi"), "#/tournee", "nav-tournee",
                join(List.of("nav-tournee", "nav-file", "nav-lieu", "nav-alertes"), PLACE_PAGES,
                        List.of("nav-frequentation")));
    }

    @Test
    void aViewerLandsOnTheirPlaceAndRunsNone() throws Exception {
        landsOn(hub.account("mairie", "viewer", "montcornet"), "#/lieu/montcornet", "nav-lieu",
                List.of("nav-lieu", "nav-alertes", "nav-frequentation", "nav-debit"));
        // The old fleet page's address too: it was theirs to read, their place is what replaced it.
        Browser browser = chromium.browser();
        browser.open(hub.dashboard() + "#/alertes");
        browser.until(d -> hash(browser).equals("#/alertes"));
        browser.open(hub.dashboard() + "#flotte");
        browser.until(d -> hash(browser).equals("#/lieu/montcornet"));
    }

    /** A bookmark of a page before the module screens still opens what replaced it. */
    @Test
    void theOldAddressesEndOnTheNewScreens() throws Exception {
        Browser browser = chromium.browser();
        browser.actAs(hub.admin(), hub.dashboard() + "#flotte");
        browser.until(d -> hash(browser).equals("#/territoire"));
        Map<String, String> moved = Map.of("#coworking", "#/coworking", "#queue", "#/file", "#ateliers",
                "#/ateliers", "#rendez-vous", "#/rendez-vous", "#horaires", "#/horaires", "#tournee", "#/tournee");
        for (Map.Entry<String, String> address : moved.entrySet()) {
            browser.open(hub.dashboard() + address.getKey());
            // A place page may add the place it chose to the address ("#/file/rozoy").
            browser.until(d -> hash(browser).equals(address.getValue())
                    || hash(browser).startsWith(address.getValue() + "/"));
            String screen = address.getValue().substring(2);
            browser.until(d -> "page".equals(browser.find("#nav-" + screen).getAttribute("aria-current")));
        }
    }

    @Test
    void aWrongPasswordIsSaidThenTheRightOneOpensTheSession() throws Exception {
        Browser browser = chromium.browser();
        browser.open(hub.dashboard());
        browser.untilText("#summary", "Connectez-vous pour voir les lieux.");
        assertThat(browser.find("#nav").isDisplayed()).isFalse();
        browser.logIn("admin", "not-the-password");
        browser.untilText("#login-error", "Nom d'utilisateur ou mot de passe incorrect.");
        assertThat(browser.focused().getAttribute("id")).as("the password, to type it again").isEqualTo("password");
        browser.logIn("admin", ApiClient.ADMIN_PASSWORD);
        browser.untilText("#who", "admin (administration)");
        browser.until(d -> hash(browser).equals("#/territoire"));
        assertThat(browser.find("#login").isDisplayed()).isFalse();
        assertThat(browser.find("#password").getAttribute("value")).as("not kept in the page").isEmpty();
    }

    @Test
    void loggingOutShowsTheLoginFormAndTakesTheNavAndTheScreenAway() throws Exception {
        Browser browser = chromium.browser();
        browser.actAs(hub.account("mairie-rozoy", "viewer", "rozoy"), hub.dashboard() + "#/alertes");
        browser.untilText("#who", "lecture seule");
        browser.until(d -> !browser.all("#screen .alertes").isEmpty());
        browser.find("#logout").click();
        browser.untilText("#summary", "Connectez-vous pour voir les lieux.");
        browser.until(d -> d.findElement(By.id("username")).isDisplayed());
        assertThat(browser.find("#nav").isDisplayed()).isFalse();
        assertThat(browser.all("#nav a")).isEmpty();
        assertThat(browser.find("#screen").isDisplayed()).isFalse();
        assertThat(browser.all("#screen *")).as("nothing left on screen once logged out").isEmpty();
        assertThat(browser.find("#account").isDisplayed()).isFalse();
        // The session is over at the hub too: the page reloaded asks to log in again.
        browser.reload();
        browser.until(d -> d.findElement(By.id("username")).isDisplayed());
        assertThat(browser.all("#nav a")).isEmpty();
    }

    /** The header, the nav and the login form on a desk and on a 360 px phone: nothing wider than the screen. */
    @Test
    void theHeaderTheNavAndTheLoginFormFitADeskAndAPhone() throws Exception {
        Browser browser = chromium.browser();
        browser.windowSize(1280, 800);
        // Not the admin's session, which the other tests share: this one ends with logging out.
        browser.actAs(hub.account("ecrans", "technician", null), hub.dashboard() + "#/alertes");
        browser.until(d -> !browser.all("#screen .alertes").isEmpty());
        browser.untilText("#live-status", "Temps réel : connecté");
        browser.screenshot(SHOTS.resolve("navigation-1280x800.png"));
        browser.windowSize(360, 740);
        browser.until(d -> ((Number) browser.script("return window.innerWidth;")).intValue() <= 360);
        assertThat(((Number) browser.script("return document.documentElement.scrollWidth;")).intValue())
                .as("nothing wider than the phone's screen").isLessThanOrEqualTo(360);
        assertThat(browser.all("#nav a")).allSatisfy(link -> assertThat(link.getSize().getHeight())
                .as("a target a thumb can hit").isGreaterThanOrEqualTo(44));
        browser.screenshot(SHOTS.resolve("navigation-360x740.png"));
        browser.find("#logout").click();
        browser.until(d -> d.findElement(By.id("username")).isDisplayed());
        assertThat(((Number) browser.script("return document.documentElement.scrollWidth;")).intValue())
                .isLessThanOrEqualTo(360);
        browser.screenshot(SHOTS.resolve("login-360x740.png"));
        browser.windowSize(1280, 800);
        browser.screenshot(SHOTS.resolve("login-1280x800.png"));
    }
}
