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
import fr.relais.hub.config.RetentionSettings;
import fr.relais.hub.ingest.MqttSettings;
import fr.relais.protocol.Health;
import fr.relais.protocol.Presence;
import fr.relais.protocol.Topic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The dashboard in headless Chromium against a real hub and broker: logging in, a printer's
 * alert taken in hand and closed by a technician, what a viewer sees.
 */
class DashboardBrowserTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String ALERT = "li.alert";

    @RegisterExtension
    final MosquittoExtension mosquitto = new MosquittoExtension();

    private TestDatabase database;
    private HubUnderTest hub;
    private Browser browser;
    private String dashboard;

    @BeforeEach
    void start(MosquittoProcess broker, @TempDir Path dir) throws Exception {
        database = TestDatabase.create(TestDatabase.Kind.SQLITE, dir);
        Path rules = dir.resolve("alert-rules.yaml");
        Files.writeString(rules, "evaluationSeconds: 1\n");
        hub = HubUnderTest.start(broker.url(), new HubConfig("127.0.0.1", 0, database.url(),
                new MqttSettings(broker.url(), "hub-under-test", Optional.empty(), Optional.empty()),
                Optional.of(rules), Duration.ofSeconds(120), RetentionSettings.DEFAULT, ApiClient.AUTH));
        dashboard = "http://127.0.0.1:" + hub.hub().httpPort() + "/";
        browser = new Browser(Files.createDirectory(dir.resolve("chromium-profile")));
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (browser != null) {
                assertThat(browser.scriptErrors()).as("errors in the dashboard's scripts").isEmpty();
            }
        } finally {
            if (browser != null) {
                browser.close();
            }
            hub.close();
            database.close();
        }
    }

    /** The fake node's printer reports 6 % toner: the default rule opens a warning. */
    private String tonerLowAlert() throws Exception {
        hub.publish(Topic.Kind.STATE, Messages.state(Presence.ONLINE, 1));
        hub.publish(Topic.Kind.BIRTH, Messages.birth(1, 1, "printer-1"));
        hub.publish(Topic.Kind.TELEMETRY, Messages.telemetry(2, "printer-1", Health.WARNING, 6));
        await().atMost(PATIENCE).until(() -> hub.api().json("/api/alerts?state=open").size() == 1);
        return hub.api().json("/api/alerts?state=open").get(0).path("id").asText();
    }

    @Test
    void aTechnicianTakesAnAlertInHandThenClosesItSayingWhy() throws Exception {
        String id = tonerLowAlert();
        browser.open(dashboard);
        browser.logIn("admin", "not-the-password");
        browser.untilText("#login-error", "Nom d'utilisateur ou mot de passe incorrect");
        browser.logIn("admin", ApiClient.ADMIN_PASSWORD);
        browser.untilText("#who", "admin");
        WebElement alert = browser.untilText(ALERT, "printer-1");
        assertThat(alert.getText()).contains(Messages.SITE).contains("tonerPercent is 6");

        alert.findElement(By.cssSelector("button.acknowledge")).click();
        browser.untilText("#alert-notice", "Alerte prise en charge.");
        browser.untilText(ALERT, "pris en charge par admin");
        JsonNode acknowledged = hub.api().json("/api/alerts/" + id);
        assertThat(acknowledged.path("state").asText()).isEqualTo("acknowledged");
        assertThat(acknowledged.path("acknowledgedBy").asText()).isEqualTo("admin");
        assertThat(browser.all(ALERT + " button.acknowledge")).as("already taken in hand").isEmpty();

        browser.untilText(ALERT + " button.clear", "Clore").click();
        WebElement comment = browser.until(d -> d.findElement(By.id("clear-comment")));
        // Closing without saying why is refused in the page, before any request.
        browser.find(".clear-form button[type=submit]").click();
        browser.untilText("#alert-notice", "Dites en quelques mots pourquoi");
        assertThat(hub.api().json("/api/alerts/" + id).path("state").asText()).isEqualTo("acknowledged");
        comment.sendKeys("cartouche changée");
        // The page refreshes every 5 s (the site cards are built anew); a form being filled in must survive it.
        WebElement siteCard = browser.find("#sites .site");
        browser.until(ExpectedConditions.stalenessOf(siteCard));
        assertThat(browser.find("#clear-comment").getAttribute("value")).isEqualTo("cartouche changée");
        browser.find(".clear-form button[type=submit]").click();
        browser.untilText("#alert-notice", "Alerte close.");
        browser.until(d -> d.findElements(By.cssSelector(ALERT)).isEmpty());
        JsonNode cleared = hub.api().json("/api/alerts/" + id);
        assertThat(cleared.path("state").asText()).isEqualTo("cleared");
        assertThat(cleared.path("clearedBy").asText()).isEqualTo("admin");
        assertThat(cleared.path("clearComment").asText()).isEqualTo("cartouche changée");
    }

    @Test
    void whatAColleagueDidMeanwhileIsSaidNotLost() throws Exception {
        String id = tonerLowAlert();
        browser.open(dashboard);
        browser.logIn("admin", ApiClient.ADMIN_PASSWORD);
        WebElement alert = browser.untilText(ALERT, "printer-1");
        alert.findElement(By.cssSelector("button.clear")).click();
        browser.until(d -> d.findElement(By.id("clear-comment"))).sendKeys("réglé sur place");
        // A colleague takes it in hand from their phone; this page, with its form open, still offers to.
        assertThat(hub.api().send("POST", "/api/alerts/" + id + "/ack", "{}").statusCode()).isEqualTo(200);
        alert.findElement(By.cssSelector("button.acknowledge")).click();
        browser.untilText("#alert-notice", "Impossible : ");
        assertThat(browser.find("#alert-notice").getText()).contains("acknowledged");
        browser.untilText(ALERT, "pris en charge par admin");

        // Then closes it while this page's form is open again: the form goes, and the page says why.
        browser.untilText(ALERT + " button.clear", "Clore").click();
        browser.until(d -> d.findElement(By.id("clear-comment"))).sendKeys("réglé sur place");
        assertThat(hub.api().send("POST", "/api/alerts/" + id + "/clear", "{\"comment\":\"vu par Lou\"}")
                .statusCode()).isEqualTo(200);
        browser.untilText("#alert-notice", "close entre-temps");
        browser.until(d -> d.findElements(By.cssSelector(ALERT)).isEmpty());
        assertThat(hub.api().json("/api/alerts/" + id).path("clearComment").asText()).isEqualTo("vu par Lou");
    }

    @Test
    void aViewerSeesTheAlertsOfTheirSiteWithoutButtons() throws Exception {
        tonerLowAlert();
        assertThat(hub.api().send("POST", "/api/accounts", "{\"username\":\"mairie-dizy\",\"password\":"
                + "\"a-long-enough-password\",\"role\":\"viewer\",\"site\":\"" + Messages.SITE + "\"}").statusCode())
                .isEqualTo(201);
        browser.open(dashboard);
        browser.logIn("mairie-dizy", "a-long-enough-password");
        browser.untilText("#who", "lecture seule");
        browser.untilText(ALERT, "printer-1");
        assertThat(browser.all(ALERT + " button")).isEmpty();
        browser.find("#logout").click();
        browser.untilText("#summary", "Connectez-vous");
        assertThat(browser.all(ALERT)).as("nothing left on screen once logged out").isEmpty();
    }
}
