package fr.relais.hub.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fr.relais.broker.MosquittoProcess;
import fr.relais.broker.testing.MosquittoExtension;
import fr.relais.hub.ApiClient;
import fr.relais.hub.HubUnderTest;
import fr.relais.hub.Messages;
import fr.relais.hub.TestDatabase;
import fr.relais.hub.config.HubConfig;
import fr.relais.hub.ingest.MqttSettings;
import fr.relais.hub.telemetry.RetentionSettings;
import fr.relais.protocol.Health;
import fr.relais.protocol.Message;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.Presence;
import fr.relais.protocol.Topic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The dashboard in headless Chromium against a real hub and broker: logging in, a printer's
 * alert taken in hand and closed by a technician, a colleague acting meanwhile, what a viewer sees.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("browser") // headless Chromium: skip locally with -DexcludedGroups=browser; CI runs it
class DashboardBrowserTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String ALERT = "li.alert";
    private static final String FORM_FIELD = ".clear-form input";
    private static final String OTHER_SITE = "montcornet";
    private static final String OTHER_NODE = "montcornet-pi";
    private static final String PASSWORD = "a-long-enough-password";

    /*
     * One broker, hub and Chromium for the class: starting a hub (its migrations, the admin's password hashed)
     * took about as long as a test. The tests stay apart as on separate hubs: each gives its printers nodes of
     * its own (a new name per test), and after each test the alerts still open are closed through the API, so
     * the next test starts with none. The summary's counts ("1 lieu, 1 nœud") are those of a hub that knows
     * one node: that test runs first.
     */
    @RegisterExtension
    static final MosquittoExtension mosquitto = new MosquittoExtension();
    @RegisterExtension
    static final ChromiumPerClass chromium = new ChromiumPerClass();
    @TempDir
    static Path dir;
    private static final AtomicInteger TESTS = new AtomicInteger();

    private static TestDatabase database;
    private static HubUnderTest hub;
    private static String dashboard;
    private final MessageCodec codec = new MessageCodec();
    private Browser browser;
    /** This test's node at Dizy and at Montcornet. */
    private String node;
    private String otherNode;

    @BeforeAll
    static void start(MosquittoProcess broker) throws Exception {
        database = TestDatabase.create(TestDatabase.Kind.SQLITE, dir);
        Path rules = dir.resolve("alert-rules.yaml");
        Files.writeString(rules, "evaluationSeconds: 1\n");
        hub = HubUnderTest.start(broker.url(), new HubConfig("127.0.0.1", 0, database.url(),
                new MqttSettings(broker.url(), "hub-under-test", Optional.empty(), Optional.empty()),
                // Each node speaks at its test's start: none may fall silent (an alert) while a slow machine runs
                // the next tests.
                Optional.of(rules), Duration.ofMinutes(30), RetentionSettings.DEFAULT, ApiClient.AUTH));
        // The fleet page's own address: without one, an admin lands on the Territoire screen (TerritoryBrowserTest).
        dashboard = "http://127.0.0.1:" + hub.hub().httpPort() + "/#flotte";
    }

    @BeforeEach
    void nodesOfThisTest() {
        int test = TESTS.incrementAndGet();
        node = Messages.NODE + "-" + test;
        otherNode = OTHER_NODE + "-" + test;
        browser = chromium.browser();
    }

    /** Closes what this test left open, as a technician would, so that the next test sees no alert of it. */
    @AfterEach
    void clearAlerts() throws Exception {
        try {
            chromium.finishTest(); // the page is read for errors before anything changes under it
        } finally {
            for (String state : new String[] {"open", "acknowledged"}) {
                for (JsonNode alert : hub.api().json("/api/alerts?state=" + state)) {
                    assertThat(hub.api().send("POST", "/api/alerts/" + alert.path("id").asText() + "/clear",
                            "{\"comment\":\"fin du test\"}").statusCode()).isEqualTo(200);
                }
            }
        }
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

    private void publish(String site, String node, Topic.Kind kind, Message message) throws Exception {
        hub.node().publish(Topic.of(kind, site, node).path(), codec.encode(message), 1, false);
    }

    /**
     * The node's printer reports 6 % toner: the default rule opens a warning. Its health stays OK,
     * so no second (device-health) alert opens a minute later.
     */
    private String tonerLowAlert(String site, String node) throws Exception {
        int before = hub.api().json("/api/alerts?state=open").size();
        publish(site, node, Topic.Kind.STATE, Messages.state(Presence.ONLINE, 1));
        publish(site, node, Topic.Kind.BIRTH, Messages.birth(1, 1, "printer-1"));
        publish(site, node, Topic.Kind.TELEMETRY, Messages.telemetry(2, "printer-1", Health.OK, 6));
        await().atMost(PATIENCE).until(() -> hub.api().json("/api/alerts?state=open").size() == before + 1);
        for (JsonNode alert : hub.api().json("/api/alerts?state=open&site=" + site)) {
            return alert.path("id").asText();
        }
        throw new AssertionError("no alert for " + site);
    }

    private String tonerLowAlert() throws Exception {
        return tonerLowAlert(Messages.SITE, node);
    }

    private ApiClient account(String username, String role, String site) throws Exception {
        assertThat(hub.api().send("POST", "/api/accounts", "{\"username\":\"" + username + "\",\"password\":\""
                + PASSWORD + "\",\"role\":\"" + role + "\"" + (site == null ? "" : ",\"site\":\"" + site + "\"")
                + "}").statusCode()).isEqualTo(201);
        return ApiClient.login(hub.hub().httpPort(), username, PASSWORD);
    }

    private String state(String id) throws Exception {
        return hub.api().json("/api/alerts/" + id).path("state").asText();
    }

    @Test
    @Order(1) // on a hub that knows only its node, for the summary's singulars
    void aTechnicianTakesAnAlertInHandThenClosesItSayingWhy() throws Exception {
        String id = tonerLowAlert();
        browser.open(dashboard);
        browser.logIn("admin", "not-the-password");
        browser.untilText("#login-error", "Nom d'utilisateur ou mot de passe incorrect");
        browser.logIn("admin", ApiClient.ADMIN_PASSWORD);
        browser.untilText("#who", "admin");
        assertThat(browser.untilText(ALERT, "printer-1").getText()).contains(Messages.SITE)
                .contains("Toner de l'imprimante presque vide : tonerPercent vaut 6");
        assertThat(browser.untilText("#summary", "alerte").getText()).as("French singular for one")
                .startsWith("1 lieu, 1 nœud (0 hors ligne)").endsWith(", 1 alerte");

        // A double tap sends one request: the second does not come back as a failure.
        browser.doubleClickInRow("printer-1", "button.acknowledge");
        browser.untilText(ALERT, "prise en charge par admin");
        assertThat(browser.find("#alert-notice").getText()).isEqualTo("Alerte prise en charge.");
        assertThat(state(id)).isEqualTo("acknowledged");
        assertThat(browser.all(ALERT + " button.acknowledge")).as("already taken in hand").isEmpty();
        // The keyboard stays on the alert: its next action has the focus.
        browser.until(d -> "clear".equals(browser.focused().getAttribute("class")));

        browser.clickInRow("printer-1", "button.clear");
        browser.until(d -> String.valueOf(browser.focused().getAttribute("id")).startsWith("clear-comment-"));
        // Closing without saying why is refused in the page, beside the field, before any request.
        browser.find(".clear-form button.confirm").click();
        browser.untilText(".field-error", "Dites en quelques mots pourquoi");
        assertThat(browser.find(FORM_FIELD).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(state(id)).isEqualTo("acknowledged");
        browser.find(FORM_FIELD).sendKeys("cartouche changée");
        // The page refreshes every 5 s (the site cards are built anew): the form, its text and the
        // focus survive it.
        WebElement siteCard = browser.find("#sites .site");
        browser.until(ExpectedConditions.stalenessOf(siteCard));
        assertThat(browser.find(FORM_FIELD).getAttribute("value")).isEqualTo("cartouche changée");
        assertThat(browser.focused().getAttribute("id")).startsWith("clear-comment-");
        browser.focused().sendKeys(Keys.ENTER);
        browser.untilText("#alert-notice", "Alerte clôturée.");
        browser.until(d -> d.findElements(By.cssSelector(ALERT)).isEmpty());
        JsonNode cleared = hub.api().json("/api/alerts/" + id);
        assertThat(cleared.path("state").asText()).isEqualTo("cleared");
        assertThat(cleared.path("clearedBy").asText()).isEqualTo("admin");
        assertThat(cleared.path("clearComment").asText()).isEqualTo("cartouche changée");
    }

    @Test
    void whatAColleagueDidMeanwhileIsSaidNotLost() throws Exception {
        String id = tonerLowAlert();
        ApiClient lou = account("lou", "technician", null);
        browser.actAs(hub.api(), dashboard);
        browser.untilText(ALERT, "printer-1");
        // Lou takes it in hand from her phone between two refreshes of this page, which still offers to.
        assertThat(lou.send("POST", "/api/alerts/" + id + "/ack", "{}").statusCode()).isEqualTo(200);
        browser.clickInRow("printer-1", "button.acknowledge");
        browser.untilText("#alert-notice", "Un collègue a déjà pris en charge ou clôturé cette alerte");
        browser.untilText(ALERT, "prise en charge par lou");

        // Then closes it while this page's form is open: the form goes, and the page says why.
        browser.reload(); // the page anew, its refresh running again (opening the same #address would not reload)
        browser.clickInRow("printer-1", "button.clear");
        browser.until(d -> d.findElement(By.cssSelector(FORM_FIELD))).sendKeys("réglé sur place");
        assertThat(lou.send("POST", "/api/alerts/" + id + "/clear", "{\"comment\":\"vu par Lou\"}").statusCode())
                .isEqualTo(200);
        browser.untilText("#alert-notice", "clôturée entre-temps");
        browser.until(d -> d.findElements(By.cssSelector(ALERT)).isEmpty());
        JsonNode cleared = hub.api().json("/api/alerts/" + id);
        assertThat(cleared.path("clearedBy").asText()).isEqualTo("lou");
        assertThat(cleared.path("clearComment").asText()).isEqualTo("vu par Lou");
    }

    @Test
    void oneFormAtATimeAndTheReasonGoesToTheAlertItWasTypedFor() throws Exception {
        String dizy = tonerLowAlert();
        String montcornet = tonerLowAlert(OTHER_SITE, otherNode);
        browser.actAs(hub.api(), dashboard);
        browser.untilText(ALERT, otherNode);
        browser.clickInRow(node, "button.clear");
        browser.until(d -> d.findElement(By.cssSelector(FORM_FIELD))).sendKeys("pas celle-ci");
        browser.clickInRow(otherNode, "button.clear");
        browser.until(d -> d.findElements(By.cssSelector(".clear-form")).size() == 1
                && d.findElement(By.cssSelector(ALERT + " .clear-form")).findElement(By.xpath("ancestor::li"))
                .getText().contains(otherNode));
        WebElement field = browser.focused();
        assertThat(field.getAttribute("id")).isEqualTo("clear-comment-" + montcornet);
        field.sendKeys("imprimante remplacée", Keys.ENTER);
        browser.untilText("#alert-notice", "Alerte clôturée.");
        browser.until(d -> d.findElements(By.cssSelector(ALERT)).size() == 1);
        assertThat(hub.api().json("/api/alerts/" + montcornet).path("clearComment").asText())
                .isEqualTo("imprimante remplacée");
        assertThat(state(dizy)).isEqualTo("open");
    }

    @Test
    void aViewerSeesTheAlertsOfTheirSiteOnlyAndNoButtons() throws Exception {
        tonerLowAlert();
        tonerLowAlert(OTHER_SITE, otherNode);
        browser.actAs(account("mairie-dizy", "viewer", Messages.SITE), dashboard);
        browser.untilText("#who", "lecture seule");
        browser.untilText(ALERT, node);
        assertThat(browser.all(ALERT)).hasSize(1);
        assertThat(browser.find(ALERT).getText()).doesNotContain(otherNode);
        assertThat(browser.all(ALERT + " button")).isEmpty();
        browser.find("#logout").click();
        browser.untilText("#summary", "Connectez-vous");
        assertThat(browser.all(ALERT)).as("nothing left on screen once logged out").isEmpty();
    }

    @Test
    void aManagerReadsTheAlertsOfTheirSiteButActsOnNone() throws Exception {
        tonerLowAlert();
        browser.actAs(account("gerante-dizy", "manager", Messages.SITE), dashboard);
        browser.untilText("#who", "gestion du coworking");
        browser.find("#nav-fleet").click();
        browser.untilText(ALERT, node);
        assertThat(browser.all(ALERT + " button")).as("alerts are the technicians' to act on").isEmpty();
    }

    /**
     * Under the Content-Security-Policy every answer carries, the page still logs in, shows and
     * acts, without a single violation in the console, on a desk and on a 360 px phone; and the
     * policy is really enforced: a script injected inline does not run. Screenshots land in
     * target/screenshots for a person to look at.
     */
    @Test
    void theDashboardWorksUnderTheContentSecurityPolicyOnADeskAndOnAPhone() throws Exception {
        tonerLowAlert();
        assertThat(ApiClient.anonymous(hub.hub().httpPort()).get("/").headers().firstValue("content-security-policy"))
                .hasValue("default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
                        + " frame-ancestors 'none'");
        browser.actAs(hub.api(), dashboard);
        browser.untilText(ALERT, "printer-1");
        browser.untilText("#sites .site", node);
        // The style sheet applied: the header's colour comes from dashboard.css alone.
        assertThat(browser.find("header").getCssValue("background-color")).isEqualTo("rgba(18, 53, 91, 1)");
        Path screenshots = Path.of("target", "screenshots");
        browser.screenshot(screenshots.resolve("dashboard-desktop.png"));
        browser.windowSize(360, 800);
        browser.until(d -> ((Number) browser.script("return window.innerWidth;")).intValue() <= 360);
        browser.screenshot(screenshots.resolve("dashboard-360px.png"));
        assertThat(((Number) browser.script("return document.documentElement.scrollWidth;")).intValue())
                .as("nothing wider than the phone's screen").isLessThanOrEqualTo(360);
        browser.clickInRow("printer-1", "button.acknowledge");
        browser.untilText(ALERT, "prise en charge par admin");
        assertThat(browser.scriptErrors()).as("no policy violation, no script error").isEmpty();

        Object injected = browser.script("const s = document.createElement('script');"
                + " s.textContent = 'window.injected = true;'; document.head.appendChild(s);"
                + " const p = document.createElement('p'); p.setAttribute('style', 'color: rgb(255, 0, 0)');"
                + " document.body.appendChild(p);"
                + " return [window.injected === true, getComputedStyle(p).color];");
        assertThat(injected).asList().containsExactly(false, "rgb(17, 17, 17)");
        assertThat(browser.scriptErrors()).as("the browser says why").anySatisfy(line ->
                assertThat(line).contains("Content Security Policy"));
    }
}
