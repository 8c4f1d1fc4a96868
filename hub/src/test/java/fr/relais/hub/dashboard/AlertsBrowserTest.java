package fr.relais.hub.dashboard;

import static fr.relais.hub.dashboard.DashboardFixture.device;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fr.relais.hub.ApiClient;
import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.Health;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The Alertes screen against a real hub whose rules open alerts as printers report: filters that narrow the
 * list and stay in the address, an alert taken in hand then closed with a comment, a double tap that sends one
 * request, a new alert arriving while a comment is half typed (its text, caret and focus stay), a colleague's
 * action shown and said, one form at a time, what a viewer and a manager see, the Content-Security-Policy, and a
 * 360 px phone.
 * Each test has places of its own, so that what one does to its alerts never changes another's list.
 */
@Tag("browser") // headless Chromium: skip locally with -DexcludedGroups=browser; CI runs it
class AlertsBrowserTest {
    private static final Path SHOTS = Path.of("target", "screenshots");
    private static final String ROW = "#screen li.alert-item";
    /** Long enough for the screen's 30-s refresh too, should the live channel drop meanwhile. */
    private static final Duration NEXT_REFRESH = Duration.ofSeconds(75);

    @RegisterExtension
    static final DashboardFixture hub = new DashboardFixture(DashboardFixture.Option.ALERTS_EVERY_SECOND);
    @RegisterExtension
    static final ChromiumPerClass chromium = new ChromiumPerClass();

    @BeforeAll
    static void start() throws Exception {
        // Two places for the filters: a toner running out at each, and a paper jam (critical) at the second.
        hub.online("filtre-a", "filtre-a-pi", List.of(device("printer-1", DeviceKind.PRINTER, "Imprimante A")));
        hub.online("filtre-b", "filtre-b-pi", List.of(device("printer-1", DeviceKind.PRINTER, "Imprimante B"),
                device("printer-2", DeviceKind.PRINTER, "Imprimante B2")));
        hub.reading("filtre-a", "filtre-a-pi", "printer-1", Health.OK, Map.of("tonerPercent", 6));
        hub.reading("filtre-b", "filtre-b-pi", "printer-1", Health.OK, Map.of("tonerPercent", 4));
        hub.reading("filtre-b", "filtre-b-pi", "printer-2", Health.OK, Map.of("paperJam", true));
        hub.openAlerts("filtre-a-pi", "printer-1", 1);
        hub.openAlerts("filtre-b-pi", "printer-1", 1);
        hub.openAlerts("filtre-b-pi", "printer-2", 1);
    }

    private static WebElement row(Browser browser, String id) {
        return browser.find(ROW + "[data-key='" + id + "']");
    }

    private static String hash(Browser browser) {
        return (String) browser.script("return location.hash;");
    }

    @Test
    void filtersNarrowTheListAndStayInTheAddressAfterAReload() throws Exception {
        Browser browser = chromium.browser();
        browser.windowSize(1280, 800);
        browser.actAs(hub.admin(), hub.dashboard() + "#/alertes");
        browser.until(d -> browser.all(ROW).size() == 3);
        assertThat(browser.find(".alert-list").getText()).contains("Toner de l'imprimante presque vide",
                "Bourrage papier", "filtre-a", "filtre-b");

        browser.until(d -> !browser.all("#filter-site option[value='filtre-b']").isEmpty());
        new Select(browser.find("#filter-site")).selectByValue("filtre-b");
        browser.until(d -> hash(browser).equals("#/alertes?site=filtre-b"));
        browser.until(d -> browser.all(ROW).size() == 2);
        assertThat(browser.find(".alert-list").getText()).doesNotContain("filtre-a-pi");

        new Select(browser.find("#filter-severity")).selectByValue("critical");
        browser.until(d -> hash(browser).equals("#/alertes?site=filtre-b&severity=critical"));
        browser.until(d -> browser.all(ROW).size() == 1);
        assertThat(browser.find(ROW).getText()).contains("Critique", "Bourrage papier", "équipement printer-2");
        assertThat(browser.find(ROW + " a.alert-device").getAttribute("href"))
                .endsWith("#/equipement/filtre-b-pi/printer-2");

        browser.reload();
        browser.until(d -> browser.all(ROW).size() == 1 && browser.find(ROW).getText().contains("Bourrage papier"));
        assertThat(new Select(browser.find("#filter-site")).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("filtre-b");
        assertThat(new Select(browser.find("#filter-severity")).getFirstSelectedOption().getText())
                .isEqualTo("Critique");
        assertThat(new Select(browser.find("#filter-state")).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("active");
        browser.screenshot(SHOTS.resolve("alertes-1280x800.png"));

        // The history: nothing was closed at that place yet, and the screen says so.
        new Select(browser.find("#filter-state")).selectByValue("cleared");
        browser.until(d -> hash(browser).equals("#/alertes?site=filtre-b&severity=critical&state=cleared"));
        browser.untilText("#screen .alertes .empty", "Aucune alerte pour ces filtres.");
        assertThat(browser.all(ROW)).isEmpty();

        // On a phone: every filter and every alert within its 360 px.
        browser.open(hub.dashboard() + "#/alertes?site=filtre-b");
        browser.windowSize(360, 740);
        browser.until(d -> ((Number) browser.script("return window.innerWidth;")).intValue() <= 360);
        browser.until(d -> browser.all(ROW).size() == 2);
        browser.all(ROW).stream().filter(r -> r.getText().contains("Bourrage papier")).findFirst().orElseThrow()
                .findElement(By.cssSelector("button.clear")).click();
        browser.until(d -> browser.focused().getAttribute("id").endsWith("-comment"));
        assertThat(((Number) browser.script("return document.documentElement.scrollWidth;")).intValue())
                .as("nothing wider than the phone's screen").isLessThanOrEqualTo(360);
        browser.screenshot(SHOTS.resolve("alertes-360x740.png"));
        browser.fullScreenshot(SHOTS.resolve("alertes-360-full.png"));
    }

    @Test
    void aTechnicianTakesAnAlertInHandWithACommentThenClosesItSayingWhy() throws Exception {
        hub.online("prise-en-charge", "pec-pi", List.of(device("printer-1", DeviceKind.PRINTER, "Imprimante")));
        hub.reading("prise-en-charge", "pec-pi", "printer-1", Health.OK, Map.of("tonerPercent", 3));
        String id = hub.openAlerts("pec-pi", "printer-1", 1).get(0);
        Browser browser = chromium.browser();
        browser.actAs(hub.admin(), hub.dashboard() + "#/alertes?site=prise-en-charge");
        browser.until(d -> browser.all(ROW).size() == 1);

        row(browser, id).findElement(By.cssSelector("button.acknowledge")).click();
        browser.until(d -> ("alert-" + id + "-comment").equals(browser.focused().getAttribute("id")));
        browser.focused().sendKeys("cartouche commandée", Keys.ENTER);
        browser.untilText(".alert-done", "Alerte prise en charge.");
        JsonNode acknowledged = hub.admin().json("/api/alerts/" + id);
        assertThat(acknowledged.path("state").asText()).isEqualTo("acknowledged");
        assertThat(acknowledged.path("acknowledgedBy").asText()).isEqualTo("admin");
        assertThat(acknowledged.path("ackComment").asText()).isEqualTo("cartouche commandée");
        browser.untilText(ROW, "prise en charge par admin");
        assertThat(row(browser, id).getText()).contains("« cartouche commandée »");
        assertThat(row(browser, id).findElement(By.cssSelector("button.acknowledge")).isDisplayed())
                .as("already taken in hand").isFalse();
        browser.until(d -> "clear".equals(browser.focused().getAttribute("class")));

        // The cartridge changed: the condition is over, then closing without a reason is refused beside the field.
        hub.reading("prise-en-charge", "pec-pi", "printer-1", Health.OK, Map.of("tonerPercent", 100));
        browser.focused().sendKeys(Keys.ENTER);
        browser.until(d -> ("alert-" + id + "-comment").equals(browser.focused().getAttribute("id")));
        row(browser, id).findElement(By.cssSelector("button.confirm")).click();
        browser.untilText(ROW + " .field-error", "Dites en quelques mots pourquoi");
        assertThat(browser.find("#alert-" + id + "-comment").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(hub.admin().json("/api/alerts/" + id).path("state").asText()).isEqualTo("acknowledged");
        browser.focused().sendKeys("cartouche changée", Keys.ENTER);
        browser.untilText(".alert-done", "Alerte clôturée.");
        browser.until(d -> browser.all(ROW).isEmpty());
        JsonNode cleared = hub.admin().json("/api/alerts/" + id);
        assertThat(cleared.path("clearedBy").asText()).isEqualTo("admin");
        assertThat(cleared.path("clearComment").asText()).isEqualTo("cartouche changée");

        // It is in the history now.
        new Select(browser.find("#filter-state")).selectByValue("cleared");
        browser.untilText(ROW, "clôturée le");
        assertThat(row(browser, id).getText()).contains("Clôturée", "par admin", "« cartouche changée »");
        assertThat(row(browser, id).findElements(By.cssSelector("button"))).allSatisfy(button ->
                assertThat(button.isDisplayed()).isFalse());
    }

    @Test
    void aNewAlertAppearsWithoutReloadWhileAHalfTypedCommentKeepsItsTextCaretAndFocus() throws Exception {
        hub.online("en-direct", "direct-pi", List.of(device("printer-1", DeviceKind.PRINTER, "Imprimante 1"),
                device("printer-2", DeviceKind.PRINTER, "Imprimante 2")));
        hub.reading("en-direct", "direct-pi", "printer-1", Health.OK, Map.of("tonerPercent", 5));
        String first = hub.openAlerts("direct-pi", "printer-1", 1).get(0);
        Browser browser = chromium.browser();
        browser.actAs(hub.admin(), hub.dashboard() + "#/alertes?site=en-direct");
        browser.until(d -> browser.all(ROW).size() == 1);
        browser.untilText("#live-status", "Temps réel : connecté");
        WebElement firstRow = row(browser, first);
        firstRow.findElement(By.cssSelector("button.clear")).click();
        WebElement field = browser.until(d -> {
            WebElement focused = browser.focused();
            return ("alert-" + first + "-comment").equals(focused.getAttribute("id")) ? focused : null;
        });
        field.sendKeys("cartouche comm");
        browser.script("arguments[0].setSelectionRange(9, 9);", field); // the caret moved back, after "cartouche"

        hub.reading("en-direct", "direct-pi", "printer-2", Health.OK, Map.of("tonerPercent", 2));
        String second = hub.openAlerts("direct-pi", "printer-2", 1).get(0);
        // Shown without a reload, by the live channel's `alert` event (the 30-s refresh is only its fallback).
        await().atMost(NEXT_REFRESH).until(() -> browser.all(ROW).size() == 2);
        assertThat(browser.all(ROW).get(0).getAttribute("data-key")).as("the newest first").isEqualTo(second);
        // The same elements (a stale one would throw): what was typed, the caret and the focus all stayed.
        assertThat(firstRow.getAttribute("data-key")).isEqualTo(first);
        assertThat(field.getAttribute("value")).isEqualTo("cartouche comm");
        assertThat(browser.focused()).isEqualTo(field);
        assertThat(browser.script("return [arguments[0].selectionStart, arguments[0].selectionEnd];", field))
                .asList().containsExactly(9L, 9L);
    }

    @Test
    void theHistoryShowsFiftyAlertsThenMoreOnAsking() throws Exception {
        hub.online("historique", "hist-pi", List.of(device("printer-1", DeviceKind.PRINTER, "Imprimante")));
        hub.clearedAlerts("historique", "hist-pi", "printer-1", 55);
        Browser browser = chromium.browser();
        browser.actAs(hub.admin(), hub.dashboard() + "#/alertes?site=historique&state=cleared");
        browser.until(d -> browser.all(ROW).size() == 50);
        assertThat(browser.find(".alert-count").getText()).isEqualTo("50 alertes affichées (il y en a d'autres).");
        assertThat(browser.all(ROW).get(0).getText()).as("the newest first").contains("presque vide (1)",
                "« cartouche n° 1 »");
        WebElement more = browser.find("button.more");
        assertThat(more.isDisplayed()).isTrue();
        more.click();
        browser.until(d -> browser.all(ROW).size() == 55);
        assertThat(browser.all(ROW).get(54).getText()).contains("presque vide (55)");
        assertThat(browser.find(".alert-count").getText()).isEqualTo("55 alertes affichées.");
        assertThat(browser.find("button.more").isDisplayed()).as("the last page").isFalse();
    }

    @Test
    void aViewerSeesTheAlertsOfTheirPlaceOnlyAndNoButtons() throws Exception {
        Browser browser = chromium.browser();
        browser.actAs(hub.account("mairie-a", "viewer", "filtre-a"), hub.dashboard() + "#/alertes");
        browser.until(d -> browser.all(ROW).size() == 1);
        assertThat(browser.find(ROW).getText()).contains("filtre-a-pi").doesNotContain("filtre-b");
        assertThat(browser.all(ROW + " button")).as("alerts are the technicians' to act on").isEmpty();
        assertThat(browser.find("#filter-site").findElements(By.cssSelector("option")))
                .extracting(option -> option.getAttribute("value")).doesNotContain("filtre-b");
    }

    /** A place of its own with one printer whose toner runs out: its alert's id, once open. */
    private static String tonerLow(String site, String node, String device) throws Exception {
        hub.online(site, node, List.of(device(device, DeviceKind.PRINTER, "Imprimante")));
        hub.reading(site, node, device, Health.OK, Map.of("tonerPercent", 5));
        return hub.openAlerts(node, device, 1).get(0);
    }

    /** How many times the hub was asked to do that to the alert (refused requests are audited too). */
    private static long asked(String id, String action) throws Exception {
        long count = 0;
        for (JsonNode row : hub.admin().json("/api/audit?username=admin")) {
            if (row.path("path").asText().equals("/api/alerts/" + id + "/" + action)) {
                count++;
            }
        }
        return count;
    }

    /** The screen open on that place's single alert as the admin, the live channel connected. */
    private static Browser screenOf(String site) {
        Browser browser = chromium.browser();
        browser.actAs(hub.admin(), hub.dashboard() + "#/alertes?site=" + site);
        browser.until(d -> browser.all(ROW).size() == 1);
        browser.untilText("#live-status", "Temps réel : connecté");
        return browser;
    }

    /** A hurried thumb on a phone: two clicks in a row on the same button. */
    private static void doubleTap(Browser browser, WebElement button) {
        browser.until(d -> {
            new Actions(d).doubleClick(button).perform();
            return true;
        });
    }

    @Test
    void aDoubleTapSendsOneRequestAndTheKeyboardStaysOnTheAlert() throws Exception {
        String id = tonerLow("double-tap", "double-pi", "printer-1");
        Browser browser = screenOf("double-tap");
        row(browser, id).findElement(By.cssSelector("button.acknowledge")).click();
        doubleTap(browser, row(browser, id).findElement(By.cssSelector("button.confirm")));
        browser.untilText(".alert-done", "Alerte prise en charge.");
        browser.untilText(ROW, "prise en charge par admin");
        browser.until(d -> "clear".equals(browser.focused().getAttribute("class")));

        browser.focused().sendKeys(Keys.ENTER);
        browser.until(d -> ("alert-" + id + "-comment").equals(browser.focused().getAttribute("id")));
        browser.focused().sendKeys("cartouche changée");
        doubleTap(browser, row(browser, id).findElement(By.cssSelector("button.confirm")));
        browser.untilText(".alert-done", "Alerte clôturée.");
        browser.until(d -> browser.all(ROW).isEmpty());
        assertThat(hub.admin().json("/api/alerts/" + id).path("clearComment").asText()).isEqualTo("cartouche changée");
        assertThat(browser.find(".alert-done").getText()).as("no refusal of a second request").isEqualTo(
                "Alerte clôturée.");
        assertThat(asked(id, "ack")).as("one request to take it in hand").isEqualTo(1);
        assertThat(asked(id, "clear")).as("one request to close it").isEqualTo(1);
    }

    /**
     * A colleague acts from her phone while this screen shows the alert: the live channel brings her change
     * without a reload, a form left open on it goes, and the screen says why instead of offering a refusal.
     */
    @Test
    void whatAColleagueDidMeanwhileIsShownWithoutReloadAndSaid() throws Exception {
        String id = tonerLow("collegue", "collegue-pi", "printer-1");
        ApiClient lou = hub.account("lou", "technician", null);
        Browser browser = screenOf("collegue");

        row(browser, id).findElement(By.cssSelector("button.acknowledge")).click();
        browser.until(d -> ("alert-" + id + "-comment").equals(browser.focused().getAttribute("id")));
        browser.focused().sendKeys("j'y vais");
        assertThat(lou.send("POST", "/api/alerts/" + id + "/ack", "{}").statusCode()).isEqualTo(200);
        browser.untilText(".alert-done", "Cette alerte a été prise en charge entre-temps par lou");
        browser.untilText(ROW, "prise en charge par lou");
        assertThat(row(browser, id).findElement(By.cssSelector(".alert-form")).isDisplayed()).isFalse();
        assertThat(row(browser, id).findElement(By.cssSelector("button.acknowledge")).isDisplayed()).isFalse();

        // Then she closes it while this screen's form to close it is open, a reason half typed.
        row(browser, id).findElement(By.cssSelector("button.clear")).click();
        browser.until(d -> ("alert-" + id + "-comment").equals(browser.focused().getAttribute("id")));
        browser.focused().sendKeys(Keys.chord(Keys.CONTROL, "a"), "réglé sur place");
        assertThat(lou.send("POST", "/api/alerts/" + id + "/clear", "{\"comment\":\"vu par Lou\"}").statusCode())
                .isEqualTo(200);
        browser.untilText(".alert-done", "Cette alerte a été clôturée entre-temps : rien d'autre à faire.");
        browser.until(d -> browser.all(ROW).isEmpty());
        JsonNode cleared = hub.admin().json("/api/alerts/" + id);
        assertThat(cleared.path("clearedBy").asText()).isEqualTo("lou");
        assertThat(cleared.path("clearComment").asText()).isEqualTo("vu par Lou");
        assertThat(asked(id, "clear")).as("nothing sent from this screen").isZero();
    }

    /** Without the live channel (a phone between two networks), the hub's refusal is said in words. */
    @Test
    void withoutTheLiveChannelTheRefusalSaysAColleagueActedFirst() throws Exception {
        String id = tonerLow("sans-direct", "sans-direct-pi", "printer-1");
        ApiClient max = hub.account("max", "technician", null);
        Browser browser = screenOf("sans-direct");
        // The channel closed, as the page's own module would on logout: nothing tells the screen any more.
        assertThat(browser.script("return import('/app/lib/live.js').then((live) => { live.stop(); return true; });"))
                .isEqualTo(true);
        assertThat(max.send("POST", "/api/alerts/" + id + "/ack", "{}").statusCode()).isEqualTo(200);
        row(browser, id).findElement(By.cssSelector("button.acknowledge")).click();
        browser.until(d -> ("alert-" + id + "-comment").equals(browser.focused().getAttribute("id")));
        browser.focused().sendKeys(Keys.ENTER);
        browser.untilText(".alert-done", "Un collègue a déjà pris en charge ou clôturé cette alerte : la liste est mise"
                + " à jour.");
        browser.untilText(ROW, "prise en charge par max");
        assertThat(row(browser, id).findElement(By.cssSelector(".alert-form")).isDisplayed()).isFalse();
        assertThat(hub.admin().json("/api/alerts/" + id).path("acknowledgedBy").asText()).isEqualTo("max");
    }

    @Test
    void oneFormAtATimeAndTheReasonGoesToTheAlertItWasTypedFor() throws Exception {
        hub.online("un-formulaire", "formulaire-pi", List.of(device("printer-1", DeviceKind.PRINTER, "Imprimante 1"),
                device("printer-2", DeviceKind.PRINTER, "Imprimante 2")));
        hub.reading("un-formulaire", "formulaire-pi", "printer-1", Health.OK, Map.of("tonerPercent", 5));
        hub.reading("un-formulaire", "formulaire-pi", "printer-2", Health.OK, Map.of("tonerPercent", 4));
        String first = hub.openAlerts("formulaire-pi", "printer-1", 1).get(0);
        String second = hub.openAlerts("formulaire-pi", "printer-2", 1).get(0);
        Browser browser = chromium.browser();
        browser.actAs(hub.admin(), hub.dashboard() + "#/alertes?site=un-formulaire");
        browser.until(d -> browser.all(ROW).size() == 2);
        row(browser, first).findElement(By.cssSelector("button.clear")).click();
        browser.until(d -> ("alert-" + first + "-comment").equals(browser.focused().getAttribute("id")));
        browser.focused().sendKeys("pas celle-ci");
        row(browser, second).findElement(By.cssSelector("button.clear")).click();
        browser.until(d -> ("alert-" + second + "-comment").equals(browser.focused().getAttribute("id")));
        assertThat(browser.all(ROW + " .alert-form")).filteredOn(WebElement::isDisplayed).singleElement()
                .satisfies(form -> assertThat(form.findElement(By.xpath("ancestor::li")).getAttribute("data-key"))
                        .isEqualTo(second));
        browser.focused().sendKeys("imprimante remplacée", Keys.ENTER);
        browser.untilText(".alert-done", "Alerte clôturée.");
        browser.until(d -> browser.all(ROW).size() == 1);
        assertThat(hub.admin().json("/api/alerts/" + second).path("clearComment").asText())
                .isEqualTo("imprimante remplacée");
        assertThat(hub.admin().json("/api/alerts/" + first).path("state").asText()).isEqualTo("open");
    }

    @Test
    void aManagerReadsTheAlertsOfTheirPlaceButActsOnNone() throws Exception {
        Browser browser = chromium.browser();
        browser.actAs(hub.account("gerante-a", "manager", "filtre-a"), hub.dashboard() + "#/lieu/filtre-a");
        browser.untilText("#who", "gestion du coworking");
        browser.find("#nav-alertes").click();
        browser.until(d -> hash(browser).equals("#/alertes"));
        browser.until(d -> browser.all(ROW).size() == 1);
        assertThat(browser.find(ROW).getText()).contains("filtre-a-pi").doesNotContain("filtre-b");
        assertThat(browser.all(ROW + " button")).as("alerts are the technicians' to act on").isEmpty();
        assertThat(browser.find("#nav-alertes").getAttribute("aria-current")).isEqualTo("page");
    }

    /**
     * Under the Content-Security-Policy every answer carries, the screen shows and acts without a single violation
     * in the console, on a desk and on a 360 px phone; and the policy is really enforced: a script injected inline
     * does not run, a style attribute does not apply.
     */
    @Test
    void theScreenWorksUnderTheContentSecurityPolicyOnADeskAndOnAPhone() throws Exception {
        String id = tonerLow("sous-csp", "csp-pi", "printer-1");
        assertThat(ApiClient.anonymous(hub.port()).get("/").headers().firstValue("content-security-policy"))
                .hasValue("default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
                        + " frame-ancestors 'none'");
        Browser browser = chromium.browser();
        browser.windowSize(1280, 800);
        browser.actAs(hub.admin(), hub.dashboard() + "#/alertes?site=sous-csp");
        browser.until(d -> browser.all(ROW).size() == 1);
        assertThat(browser.find(".alert-count").getText()).as("French singular for one").isEqualTo("1 alerte affichée.");
        // The style sheets applied: the header's colour comes from dashboard.css alone.
        assertThat(browser.find("header").getCssValue("background-color")).isEqualTo("rgba(18, 53, 91, 1)");
        browser.screenshot(SHOTS.resolve("alertes-csp-1280x800.png"));
        browser.windowSize(360, 800);
        browser.until(d -> ((Number) browser.script("return window.innerWidth;")).intValue() <= 360);
        assertThat(((Number) browser.script("return document.documentElement.scrollWidth;")).intValue())
                .as("nothing wider than the phone's screen").isLessThanOrEqualTo(360);
        row(browser, id).findElement(By.cssSelector("button.acknowledge")).click();
        browser.until(d -> ("alert-" + id + "-comment").equals(browser.focused().getAttribute("id")));
        browser.screenshot(SHOTS.resolve("alertes-csp-360x800.png"));
        browser.focused().sendKeys(Keys.ENTER);
        browser.untilText(ROW, "prise en charge par admin");
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
