package fr.relais.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import fr.relais.broker.MosquittoProcess;
import fr.relais.hub.db.Database;
import fr.relais.kiosk.content.Times;
import fr.relais.protocol.SiteKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.VBox;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The real kiosk UI (headless JavaFX, in this JVM) at Montcornet, connected through the link file to
 * the place's real agent process, itself linked through the project's mosquitto to the hub process
 * with the example territory. Everything is done by touching the screens; the hub's side is checked
 * through its API as a mediator's dashboard does. The tests share the processes and run in order:
 * the last one stops and restarts the hub.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KioskUiIT {
    static final String SITE = MontcornetKiosk.SITE;
    static final String NODE = MontcornetKiosk.NODE;
    static final Duration PATIENCE = Duration.ofSeconds(90);
    /** Longer than any wait here, so the inactivity wipe never sends the screen home under a test. */
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);

    /** Static: JUnit fills instance fields only before each test, the processes start before all. */
    @TempDir
    static Path dir;

    final List<AutoCloseable> open = new ArrayList<>();
    /** The processes' logs, kept after the run for whoever reads a failure (the temporary folder is not). */
    final Path logs = Path.of("target", "kiosk-ui-it");
    final FxRobot robot = new FxRobot();
    String hubDb;
    MosquittoProcess broker;
    HubProcess hub;
    Path linkFile;
    HeadlessKiosk kiosk;

    @BeforeAll
    void startTheHubTheBrokerTheAgentAndJavaFx() throws Exception {
        Files.createDirectories(logs);
        int port = MosquittoProcess.freePort();
        hubDb = Database.sqliteUrl(dir.resolve("hub.db"));
        broker = MosquittoProcess.startPersistent(dir.resolve("broker"), port);
        open.add(broker);
        hub = startHub();
        linkFile = dir.resolve("node").resolve("kiosk-link.json");
        open.add(AgentProcess.start(MontcornetKiosk.agentConfig(dir, broker.url(), linkFile), logs.resolve("agent.log")));
        FxToolkit.registerPrimaryStage();
    }

    /** A kiosk as the launcher builds it from its config naming the agent's link file, fresh for each test. */
    @BeforeEach
    void showTheKiosk() throws Exception {
        kiosk = HeadlessKiosk.show("Tiers-lieu numérique de Montcornet", SiteKind.MEDIATION, IDLE_TIMEOUT, linkFile, PATIENCE);
    }

    @AfterEach
    void closeTheKiosk() throws Exception {
        if (kiosk != null) {
            HeadlessKiosk closing = kiosk;
            kiosk = null;
            closing.close();
        }
    }

    @AfterAll
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    @Order(1)
    void parfondevalsNextVisitIsInThePublicCalendarTheQrCodeNames() throws Exception {
        robot.clickOn("#tile-van").clickOn("#van-search").write("parfondeval");
        await("Parfondeval's visits").atMost(PATIENCE).until(() -> robot.lookup("#van-visits").tryQuery().isPresent());
        String shown = firstPlannedVisit();
        // "Mardi 3 décembre, de 9 h à 12 h : place de la mairie"
        assertThat(shown).contains(", de ").contains(" : ");

        String url = decode(robot.lookup("#van-qr").queryAs(ImageView.class).getImage());
        assertThat(url).endsWith("/api/van/communes/parfondeval/tour.ics");
        Map<String, String> inCalendar = visitsInCalendar(url, hub.httpPort());
        String when = shown.substring(0, shown.indexOf(" : "));
        // The place, without the note a moved or added visit carries: "place de la mairie (travaux)".
        String place = shown.substring(shown.indexOf(" : ") + 3).replaceFirst(" \\(.*\\)$", "");
        assertThat(inCalendar).as("the calendar behind the QR code has the visit shown").containsKey(when);
        assertThat(inCalendar.get(when)).startsWith(place);

        // Capitals and an accent find the same commune and the same visit.
        robot.interact(() -> robot.lookup("#van-search").queryAs(javafx.scene.control.TextField.class)
                .setText("PARFONDÉVAL"));
        await("the same visit for PARFONDÉVAL").atMost(PATIENCE).until(() -> shown.equals(firstPlannedVisit()));
    }

    @Test
    @Order(2)
    void aWorkshopRegistrationInThreeTouchesReachesTheHubAndItsCodeIsShown() throws Exception {
        robot.clickOn("#tile-workshops");
        Button register = robot.lookup(node -> node instanceof Button && node.getId() != null
                && node.getId().startsWith("register-")).queryAs(Button.class);
        assertThat(register).as("a workshop with a free seat this week or next at Montcornet").isNotNull();
        String workshop = register.getId().substring("register-".length());
        int freeBefore = Integer.parseInt(text("#seats-" + workshop).replaceAll("\\D.*", ""));

        robot.clickOn(register).clickOn("#no-name").clickOn("#confirm");

        await("the hub's code on the kiosk").atMost(PATIENCE).until(() ->
                robot.lookup("#action-code").tryQuery().isPresent());
        String code = text("#action-code");
        assertThat(code).isNotBlank();
        JsonNode registrations = new HubApi(hub.httpPort()).get("/api/workshops/" + workshop + "/registrations");
        JsonNode registration = null;
        for (JsonNode item : registrations.path("items")) {
            if (item.path("code").asText().equals(code)) {
                registration = item;
            }
        }
        assertThat(registration).as("the code shown among the hub's registrations: " + registrations).isNotNull();
        // Anonymous, from the kiosk: the hub numbered it ("Inscrit n° 4").
        assertThat(registration.path("source").asText()).isEqualTo("kiosk");
        assertThat(registration.path("firstName").isNull()).isTrue();
        assertThat(registration.path("number").asInt()).isPositive();
        // …and the visitor reads that number on the kiosk, with the code.
        assertThat(text("#action-message")).isEqualTo("Inscrit n° " + registration.path("number").asInt());

        robot.clickOn("#back");
        await("one seat less on the kiosk").atMost(PATIENCE).until(() ->
                seats("#seats-" + workshop) == freeBefore - 1);
    }

    @Test
    @Order(3)
    void aTicketTakenWithTheHubDownReachesItAndTheKioskShowsItCalledWhileBookingWaitsForTheLink() throws Exception {
        // No ticket after the day's last closing or on a closed day: with the place's hours not said,
        // the kiosk gives one whatever the day and hour the test runs at.
        HubApi before = new HubApi(hub.httpPort());
        for (JsonNode exception : before.get("/api/places/" + SITE + "/hours").path("exceptions")) {
            assertThat(before.delete("/api/places/" + SITE + "/hours/exceptions/" + exception.path("id").asText()))
                    .isIn(200, 204);
        }
        HubApi.Answer unsaid = before.put("/api/places/" + SITE + "/hours", "{\"weekly\":[]}");
        assertThat(unsaid.status()).as(unsaid.body().toString()).isEqualTo(200);
        await("hours not said on the kiosk").atMost(PATIENCE).until(() -> HeadlessKiosk.onFx(() -> {
            var hours = kiosk.agent().state().content().hours();
            return hours.weekly().isEmpty() && hours.exceptions().isEmpty();
        }));
        hub.close();
        open.remove(hub);
        await("the kiosk knows the link is down").atMost(PATIENCE).until(() ->
                HeadlessKiosk.onFx(() -> !kiosk.agent().state().linkUp()));

        robot.clickOn("#tile-procedures").clickOn("#open-help").clickOn("#topic-caf").clickOn("#take-ticket");
        await("the ticket's number").atMost(PATIENCE).until(() -> robot.lookup("#ticket-label").tryQuery().isPresent());
        String label = text("#ticket-label");
        assertThat(label).matches("C\\d+");
        // A booking needs the hub: the kiosk says so plainly instead of failing.
        robot.clickOn("#back").clickOn("#topic-impots").clickOn("#book-appointment");
        assertThat(text("#action-offline")).isEqualTo("La réservation sera possible quand la connexion reviendra.");

        hub = startHub();
        HubApi api = new HubApi(hub.httpPort());
        await("the ticket taken offline in the hub's queue").atMost(PATIENCE).until(() ->
                api.get("/api/queue/" + SITE).path("items").findValuesAsText("label").contains(label));
        HubApi.Answer called = api.post("/api/queue/" + SITE + "/call-next", "{\"desk\":\"Bureau 1\"}");
        assertThat(called.status()).as(called.body().toString()).isEqualTo(200);
        assertThat(called.body().path("label").asText()).isEqualTo(label);

        robot.clickOn("#back").clickOn("#show-calling");
        await("the number called on the kiosk").atMost(PATIENCE).until(() -> label.equals(text("#calling-number")));
        assertThat(text("#calling-desk")).isEqualTo("Allez au Bureau 1");
    }

    private HubProcess startHub() throws Exception {
        HubProcess started = HubProcess.start(hubDb, broker.url(), logs.resolve("hub.log"), List.of("--example-content"));
        open.add(started);
        return started;
    }

    private String firstPlannedVisit() throws Exception {
        return HeadlessKiosk.onFx(() -> {
            for (Node visit : robot.lookup("#van-visits").queryAs(VBox.class).getChildren()) {
                if (visit.getStyleClass().contains("planned")) {
                    return plain(((Label) visit).getText());
                }
            }
            throw new AssertionError("no planned visit shown");
        });
    }

    private String text(String query) throws Exception {
        return HeadlessKiosk.onFx(() -> robot.lookup(query).tryQuery().map(n -> plain(((Label) n).getText())).orElse(""));
    }

    private int seats(String query) throws Exception {
        String seats = text(query);
        return seats.equals("Complet") ? 0 : Integer.parseInt(seats.replaceAll("\\D.*", ""));
    }


    /** Screen text without the non-breaking spaces of French typography. */
    private static String plain(String text) {
        return text.replace('\u00a0', ' ');
    }

    /** What a phone's camera reads in the picture. */
    private static String decode(Image image) throws Exception {
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        int[] pixels = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                pixels[y * width + x] = image.getPixelReader().getArgb(x, y);
            }
        }
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(width, height, pixels)))).getText();
    }

    /**
     * Every visit of the next three months in the public calendar at {@code calendarUrl}, fetched
     * without login, said as the kiosk says it ("Mardi 3 décembre, de 9 h à 12 h") → its LOCATION.
     */
    private static Map<String, String> visitsInCalendar(String calendarUrl, int hubPort) throws Exception {
        Calendar calendar = MontcornetKiosk.calendar(calendarUrl, hubPort);
        ZonedDateTime from = ZonedDateTime.now(Times.PARIS).minusDays(1);
        Period<ZonedDateTime> window = new Period<>(from, from.plusMonths(3));
        Map<String, String> visits = new HashMap<>();
        for (VEvent event : calendar.<VEvent>getComponents("VEVENT")) {
            String location = event.getLocation().map(l -> l.getValue()).orElse("");
            for (Period<ZonedDateTime> occurrence : event.<ZonedDateTime>calculateRecurrenceSet(window)) {
                ZonedDateTime start = occurrence.getStart().withZoneSameInstant(Times.PARIS);
                ZonedDateTime end = occurrence.getEnd().withZoneSameInstant(Times.PARIS);
                visits.put(plain(Times.capitalized(Times.day(start.toLocalDate())) + ", de "
                        + Times.hour(start.toLocalTime()) + " à " + Times.hour(end.toLocalTime())), location);
            }
        }
        return visits;
    }
}
