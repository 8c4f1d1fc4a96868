package fr.relais.hub.dashboard;

import static fr.relais.hub.dashboard.DashboardFixture.device;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fr.relais.hub.FakeNode;
import fr.relais.protocol.Command;
import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.ReplyStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The Commandes screen against a real hub and an agent played by a FakeNode: a rebirth confirmed in words,
 * its status changing live as the node answers (no reload), a command nobody answers yet shown as waiting,
 * then refused by the node with its reason in French; a cancelled confirmation that sends nothing; the
 * open-door button for an administrator on a node with a door only, behind a typed word; what a viewer
 * sees; and a 360 px phone.
 */
@Tag("browser") // headless Chromium: skip locally with -DexcludedGroups=browser; CI runs it
class CommandsBrowserTest {
    private static final Path SHOTS = Path.of("target", "screenshots");
    private static final String ROW = "#screen li.command-item";
    private static final String SITE = "commandes";
    private static final String NODE = "commandes-pi";
    private static final String DOOR_SITE = "porte";
    private static final String DOOR_NODE = "porte-pi";

    @RegisterExtension
    static final DashboardFixture hub = new DashboardFixture(DashboardFixture.Option.ALERTS_EVERY_SECOND);
    @RegisterExtension
    static final ChromiumPerClass chromium = new ChromiumPerClass();
    private static FakeNode agent;

    @BeforeAll
    static void start() throws Exception {
        agent = new FakeNode(hub.brokerUrl(), SITE, NODE);
        agent.announce();
        await().atMost(Duration.ofSeconds(30)).until(() -> hub.admin().json("/api/nodes?site=" + SITE)
                .findValuesAsText("id").contains(NODE));
        // A second node with a door (and nobody to answer for it: what it is sent stays "envoyée").
        hub.online(DOOR_SITE, DOOR_NODE, List.of(device("door-1", DeviceKind.DOOR,
                "Porte <img src=x onerror=alert(1)>"), device("printer-1", DeviceKind.PRINTER, "Imprimante")));
    }

    @AfterAll
    static void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
    }

    private static String page(String node) {
        return hub.dashboard() + "#/commandes/" + node;
    }

    private static int commandCount(String node) throws Exception {
        return hub.admin().json("/api/nodes/" + node + "/commands?limit=1000").size();
    }

    private static WebElement row(Browser browser, String id) {
        return browser.find(ROW + "[data-key='" + id + "']");
    }

    /** Clicks a command's button, then checks its question before confirming it. */
    private static void confirm(Browser browser, String button, String question) {
        WebElement block = browser.all("#screen .command-block").stream()
                .filter(b -> b.findElement(By.cssSelector("button.command")).getText().equals(button)).findFirst()
                .orElseThrow();
        block.findElement(By.cssSelector("button.command")).click();
        WebElement yes = block.findElement(By.cssSelector("button.confirm"));
        browser.until(d -> yes.equals(browser.focused()));
        assertThat(block.findElement(By.cssSelector(".confirm-question")).getText()).contains(question);
        yes.click();
    }

    @Test
    void aRebirthConfirmedInWordsTurnsToReussieLiveAsTheNodeAnswers() throws Exception {
        Browser browser = chromium.browser();
        browser.windowSize(1280, 800);
        browser.actAs(hub.admin(), page(NODE));
        browser.untilText("#screen .node-state", "état : en ligne");
        browser.untilText("#live-status", "Temps réel : connecté");
        browser.script("window.notReloaded = true;");
        int before = commandCount(NODE);

        confirm(browser, "Redémarrer la connexion (rebirth)", "Le boîtier se reconnecte au hub");
        Command rebirth = agent.nextCommand();
        assertThat(rebirth.name()).isEqualTo("rebirth");
        String id = rebirth.requestId().toString();
        browser.untilText(".command-done", "Redémarrage de la connexion demandé");
        browser.until(d -> !browser.all(ROW + "[data-key='" + id + "']").isEmpty());
        WebElement row = row(browser, id);
        assertThat(row.findElement(By.cssSelector(".command-status")).getText()).isIn("En attente", "Envoyée");
        assertThat(commandCount(NODE)).isEqualTo(before + 1);

        agent.reply(rebirth, ReplyStatus.ACCEPTED, "", Map.of());
        browser.until(d -> row.findElement(By.cssSelector(".command-status")).getText().equals("Reçue"));
        agent.reply(rebirth, ReplyStatus.OK, "", Map.of());
        browser.until(d -> row.findElement(By.cssSelector(".command-status")).getText().equals("Réussie"));
        assertThat(row.getText()).contains("Redémarrage de la connexion", "reçue le", "terminée le");
        assertThat(browser.script("return window.notReloaded === true;")).as("shown live, without a reload")
                .isEqualTo(true);
        assertThat(browser.all("#screen button.open-door")).as("this node has no door").isEmpty();
        browser.screenshot(SHOTS.resolve("commandes-1280x800.png"));
    }

    @Test
    void aCommandNobodyAnsweredYetWaitsThenItsRefusalIsToldInFrench() throws Exception {
        Browser browser = chromium.browser();
        browser.actAs(hub.admin(), page(NODE));
        browser.untilText("#screen .node-state", "état : en ligne");
        confirm(browser, "Redémarrer la borne", "L'écran de la borne s'éteint");
        Command restart = agent.nextCommand();
        assertThat(restart.name()).isEqualTo("restart-kiosk");
        String id = restart.requestId().toString();
        browser.until(d -> !browser.all(ROW + "[data-key='" + id + "']").isEmpty());
        WebElement row = row(browser, id);
        browser.until(d -> List.of("En attente", "Envoyée").contains(
                row.findElement(By.cssSelector(".command-status")).getText()));
        assertThat(row.findElement(By.cssSelector(".command-reason")).isDisplayed()).isFalse();

        agent.reply(restart, ReplyStatus.REJECTED, "no program is configured for restart-kiosk on this node"
                + " (set commands.restartKiosk in its agent.yaml)", Map.of());
        browser.until(d -> row.findElement(By.cssSelector(".command-status")).getText().equals("Échouée"));
        assertThat(row.findElement(By.cssSelector(".command-reason")).getText())
                .startsWith("Raison : commande non configurée sur ce boîtier");
    }

    @Test
    void aCommandPastItsDeadlineTurnsToExpireeLive() throws Exception {
        Browser browser = chromium.browser();
        browser.actAs(hub.admin(), page(NODE));
        browser.untilText("#screen .node-state", "état : en ligne");
        browser.untilText("#live-status", "Temps réel : connecté");
        // Sent from elsewhere (a colleague, a script) with a 1-s deadline; the FakeNode never answers it.
        String id = hub.admin().send("POST", "/api/nodes/" + NODE + "/commands",
                "{\"name\":\"ping\",\"timeoutSeconds\":1}").headers().firstValue("Location").orElseThrow()
                .replace("/api/commands/", "");
        assertThat(agent.nextCommand().requestId().toString()).isEqualTo(id);
        browser.until(d -> !browser.all(ROW + "[data-key='" + id + "']").isEmpty());
        WebElement row = row(browser, id);
        browser.until(d -> row.findElement(By.cssSelector(".command-status")).getText().equals("Expirée"));
        assertThat(row.findElement(By.cssSelector(".command-reason")).getText())
                .isEqualTo("Raison : pas de réponse du boîtier avant l'échéance");
    }

    @Test
    void aCancelledConfirmationSendsNothing() throws Exception {
        Browser browser = chromium.browser();
        browser.actAs(hub.admin(), page(NODE));
        browser.untilText("#screen .node-state", "état : en ligne");
        int before = commandCount(NODE);
        WebElement block = browser.all("#screen .command-block").stream()
                .filter(b -> b.getText().contains("Redémarrer le boîtier")).findFirst().orElseThrow();
        WebElement reboot = block.findElement(By.cssSelector("button.command"));
        reboot.click();
        assertThat(block.findElement(By.cssSelector(".confirm-question")).getText())
                .contains("Le boîtier redémarre");
        block.findElement(By.cssSelector("button.cancel")).click();
        browser.until(d -> reboot.equals(browser.focused()));
        assertThat(block.findElement(By.cssSelector("form.command-confirm")).isDisplayed()).isFalse();
        assertThat(commandCount(NODE)).as("nothing recorded, so nothing sent").isEqualTo(before);
        assertThat(browser.find(".command-done").getText()).isEmpty();
    }

    @Test
    void onlyAnAdministratorOpensADoorAndOnlyAfterTypingTheWord() throws Exception {
        int before = commandCount(DOOR_NODE);
        Browser browser = chromium.browser();
        browser.actAs(hub.admin(), page(DOOR_NODE));
        WebElement open = browser.until(d -> browser.all("#screen button.open-door").stream().findFirst()
                .orElse(null));
        assertThat(open.getText()).isEqualTo("Ouvrir la porte une fois");
        open.click();
        WebElement word = browser.until(d -> "door-word".equals(browser.focused().getAttribute("class"))
                ? browser.focused() : null);
        assertThat(browser.find("#screen .command-block .confirm-question[id^='confirm-door']").getText())
                .as("a name is text, never markup").contains("« Porte <img src=x onerror=alert(1)> »");
        word.sendKeys("oui");
        browser.find("#confirm-door-door-1-word").findElement(By.xpath("..")).findElement(By.cssSelector(
                "button.confirm")).click();
        browser.untilText("#screen .command-confirm .field-error", "Tapez OUVRIR");
        assertThat(commandCount(DOOR_NODE)).as("a wrong word sends nothing").isEqualTo(before);

        word.clear();
        word.sendKeys("OUVRIR", Keys.ENTER);
        browser.untilText(ROW, "Ouverture de la porte « door-1 »");
        JsonNode sent = hub.admin().json("/api/nodes/" + DOOR_NODE + "/commands");
        assertThat(sent).hasSize(before + 1);
        assertThat(sent.get(0).path("name").asText()).isEqualTo("open-door");
        assertThat(sent.get(0).path("args").path("device").asText()).isEqualTo("door-1");

        // A technician restarts things there, but opens no door.
        browser.reset();
        browser.actAs(hub.account("technicienne", "technician", null), page(DOOR_NODE));
        browser.until(d -> browser.all("#screen button.command").size() == 3);
        assertThat(browser.all("#screen button.open-door")).isEmpty();
        browser.untilText(ROW, "Ouverture de la porte");
    }

    @Test
    void aViewerSeesTheCommandsOfTheirNodeButNoButton() throws Exception {
        assertThat(hub.admin().send("POST", "/api/nodes/" + DOOR_NODE + "/commands", "{\"name\":\"ping\"}")
                .statusCode()).isEqualTo(202);
        Browser browser = chromium.browser();
        browser.actAs(hub.account("mairie-porte", "viewer", DOOR_SITE), page(DOOR_NODE));
        browser.untilText(ROW, "Test de réponse (ping)");
        browser.untilText("#screen .node-state", "Lieu : porte");
        assertThat(browser.all("#screen button")).as("commands are the technicians' to send").isEmpty();
        assertThat(browser.find("#screen .command-actions").isDisplayed()).isFalse();

        // Another place's node is not theirs: the screen says so, and shows none of its commands.
        browser.open(page(NODE));
        browser.untilText("#screen .node-state", "Ce boîtier est inconnu du hub, ou d'un autre lieu que le vôtre.");
        assertThat(browser.all(ROW)).isEmpty();
        assertThat(browser.all("#screen button")).isEmpty();
    }

    @Test
    void onAPhoneTheButtonsAndTheListFitIn360Pixels() throws Exception {
        Browser browser = chromium.browser();
        browser.actAs(hub.admin(), page(DOOR_NODE));
        browser.windowSize(360, 740);
        browser.until(d -> ((Number) browser.script("return window.innerWidth;")).intValue() <= 360);
        browser.until(d -> browser.all("#screen button.command").size() == 4);
        browser.find("#screen button.open-door").click();
        browser.until(d -> "door-word".equals(browser.focused().getAttribute("class")));
        assertThat(((Number) browser.script("return document.documentElement.scrollWidth;")).intValue())
                .as("nothing wider than the phone's screen").isLessThanOrEqualTo(360);
        browser.screenshot(SHOTS.resolve("commandes-360x740.png"));
        browser.fullScreenshot(SHOTS.resolve("commandes-360-full.png"));
    }
}
