package fr.relais.kiosk.ui;

import static fr.relais.kiosk.ui.TestKiosks.plain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fr.relais.kiosk.sample.SampleContent;
import fr.relais.protocol.SiteKind;
import fr.relais.protocol.content.PlaceContent;
import java.nio.file.Path;
import fr.relais.kiosk.content.Times;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/** Registering, booking, taking a ticket, the called number and the devices, against a fake agent over HTTP. */
@ExtendWith(ApplicationExtension.class)
class AgentActionsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    @TempDir
    static Path dir;
    private LiveKiosk kiosk;

    @Start
    void start(Stage stage) throws Exception {
        kiosk = LiveKiosk.start(stage, dir, SiteKind.MEDIATION, Clock.systemUTC());
    }

    @BeforeEach
    void contentArrived() {
        kiosk.awaitContent();
    }

    @Stop
    void stop() {
        kiosk.close();
    }

    @Test
    void registeringForAWorkshopTakesThreeTouchesAndShowsTheHubsCode(FxRobot robot) {
        robot.clickOn("#tile-workshops");
        assertThat(text(robot, "#seats-w1")).isEqualTo("5 places libres");

        robot.clickOn("#register-w1").clickOn("#no-name").clickOn("#confirm");

        await().atMost(WAIT).until(() -> !kiosk.agent.pendingActions().isEmpty());
        JsonNode posted = kiosk.agent.posted().get(0);
        assertThat(posted.path("type").asText()).isEqualTo("workshop-register");
        assertThat(posted.path("workshop").asText()).isEqualTo("w1");
        assertThat(posted.has("firstName")).as("anonymous: no first name sent").isFalse();
        assertThat(robot.lookup("#action-pending").tryQuery()).isPresent();

        kiosk.agent.answer(kiosk.agent.pendingActions().get(0), "done", "K7WX3P", null);

        await().atMost(WAIT).until(() -> robot.lookup("#action-code").tryQuery().isPresent());
        assertThat(text(robot, "#action-code")).isEqualTo("K7WX3P");
    }

    /**
     * The hub's answer to a registration is followed once a second for up to five minutes; a visitor
     * who walked away must not leave that running (and their screen with it) into the next session.
     */
    @Test
    void aRequestStillWaitingIsNoLongerFollowedOnceTheSessionIsWiped(FxRobot robot) {
        robot.clickOn("#tile-workshops");
        robot.clickOn("#register-w1").clickOn("#no-name").clickOn("#confirm");
        await().atMost(WAIT).until(() -> !kiosk.agent.pendingActions().isEmpty());
        await().atMost(WAIT).until(() -> kiosk.agent.actionChecks() >= 2);

        robot.interact(() -> kiosk.ui.endSession());
        int atWipe = kiosk.agent.actionChecks();
        // What was asked before the wipe may still arrive (two at most); a follow-up still running would
        // ask again every second. An absence takes a while to see: five seconds of it, however loaded
        // the machine (a stopped follow-up cannot ask, a running one asks whatever the speed).
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10))
                .until(() -> kiosk.agent.actionChecks() <= atWipe + 2);
    }

    @Test
    void aRefusalFromTheHubIsShownInItsOwnWords(FxRobot robot) {
        robot.clickOn("#tile-workshops");
        // The second workshop's button is at the bottom edge of the list, half under the window's edge at
        // 1280x800 since the top bar changed: a visitor scrolls to it; the test presses it.
        robot.interact(() -> robot.lookup("#register-w2").queryButton().fire());
        robot.clickOn("#first-name").write("Marie")
                .clickOn("#first-name-next").clickOn("#confirm");
        await().atMost(WAIT).until(() -> !kiosk.agent.pendingActions().isEmpty());
        assertThat(kiosk.agent.posted().get(0).path("firstName").asText()).isEqualTo("Marie");

        kiosk.agent.answer(kiosk.agent.pendingActions().get(0), "refused", null, "Plus de place");

        await().atMost(WAIT).until(() -> robot.lookup("#action-refused").tryQuery().isPresent());
        assertThat(text(robot, "#action-refused")).isEqualTo("Plus de place");
    }

    @Test
    void aTicketIsGivenEvenWhenTheHubIsUnreachable(FxRobot robot) throws Exception {
        // Hours unknown: a ticket is given whatever the time the test runs at.
        hours(new PlaceContent.Hours(List.of(), List.of()));
        kiosk.agent.linkUp(false);
        kiosk.agent.printerWorks(false);
        kiosk.awaitLink(false);

        robot.clickOn("#tile-procedures").clickOn("#open-help").clickOn("#topic-caf").clickOn("#take-ticket");

        await().atMost(WAIT).until(() -> robot.lookup("#ticket-label").tryQuery().isPresent());
        assertThat(text(robot, "#ticket-label")).isEqualTo("C1");
        assertThat(text(robot, "#ticket-ahead")).isEqualTo("2 tickets avant vous, environ 20 min.");
        assertThat(text(robot, "#ticket-printed")).isEqualTo("Le ticket n'est pas imprimé : retenez ce numéro.");
    }

    @Test
    void noTicketOnADayThePlaceIsClosedButAnAppointmentIsOffered(FxRobot robot) throws Exception {
        DayOfWeek today = ZonedDateTime.now(Times.PARIS).getDayOfWeek();
        hours(new PlaceContent.Hours(List.of(new PlaceContent.Period(today.plus(3).name(), "09:00", "12:00")),
                List.of()));

        robot.clickOn("#tile-procedures").clickOn("#open-help").clickOn("#topic-caf");

        assertThat(robot.lookup("#take-ticket").tryQuery()).as("a ticket nobody would call").isEmpty();
        assertThat(text(robot, "#ticket-closed")).startsWith("Le lieu est fermé pour aujourd'hui : pas de ticket.")
                .contains("ouvre");
        assertThat(robot.lookup("#book-appointment").tryQuery()).isPresent();
        assertThat(kiosk.agent.posted()).isEmpty();
    }

    /** The fake agent's content with {@code hours}, once the kiosk has it. */
    private void hours(PlaceContent.Hours hours) throws Exception {
        PlaceContent c = kiosk.ui.agent().state().content();
        long version = c.version() + 1;
        kiosk.agent.content(new PlaceContent(c.v(), c.site(), version, c.generatedAt(), c.example(), c.place(),
                hours, c.van(), SampleContent.mutable(c.workshops()), SampleContent.mutable(c.slots()), c.queue(),
                SampleContent.mutable(c.rooms()), SampleContent.mutable(c.answers())));
        await().atMost(WAIT).until(() -> kiosk.onFx(() -> kiosk.ui.agent().state().content().version() == version));
    }

    @Test
    void bookingWhileOfflineSaysPlainlyWhenItWillBePossible(FxRobot robot) {
        kiosk.agent.linkUp(false);
        kiosk.awaitLink(false);

        robot.clickOn("#tile-procedures").clickOn("#open-help").clickOn("#topic-impots").clickOn("#book-appointment");

        assertThat(text(robot, "#action-offline")).isEqualTo("La réservation sera possible quand la connexion reviendra.");
        assertThat(kiosk.agent.posted()).isEmpty();
    }

    @Test
    void registeringForAWorkshopWhileOfflineSaysPlainlyWhenItWillBePossible(FxRobot robot) {
        kiosk.agent.linkUp(false);
        kiosk.awaitLink(false);

        robot.clickOn("#tile-workshops").clickOn("#register-w1").clickOn("#no-name").clickOn("#confirm");

        assertThat(text(robot, "#action-offline")).isEqualTo("L'inscription sera possible quand la connexion reviendra.");
        assertThat(kiosk.agent.posted()).as("nothing sent while the hub is out of reach").isEmpty();
    }

    @Test
    void bookingASlotSendsTheSlotAndTheFirstName(FxRobot robot) {
        robot.clickOn("#tile-procedures").clickOn("#open-help").clickOn("#topic-retraite").clickOn("#book-appointment")
                .clickOn("#slot-s1-10").clickOn("#first-name").write("Paul").clickOn("#first-name-next")
                .clickOn("#confirm");

        await().atMost(WAIT).until(() -> !kiosk.agent.posted().isEmpty());
        JsonNode posted = kiosk.agent.posted().get(0);
        assertThat(posted.path("type").asText()).isEqualTo("appointment-book");
        assertThat(posted.path("slot").asText()).isEqualTo("s1-10");
        assertThat(posted.path("firstName").asText()).isEqualTo("Paul");
    }

    @Test
    void theCalledNumberAndItsDeskAreShownAndFollowTheQueue(FxRobot robot) throws Exception {
        robot.interact(() -> kiosk.ui.show(ScreenId.CALLING));
        assertThat(text(robot, "#calling-number")).isEqualTo("C12");
        assertThat(text(robot, "#calling-desk")).isEqualTo("Allez au Bureau 1");

        PlaceContent c = SampleContent.forKind("mediation", Instant.now());
        kiosk.agent.content(new PlaceContent(c.v(), c.site(), c.version() + 1, c.generatedAt(), c.example(), c.place(),
                c.hours(), c.van(), SampleContent.mutable(c.workshops()), SampleContent.mutable(c.slots()),
                new PlaceContent.Queue(SampleContent.mutable(new PlaceContent.Called("C13", 13, "Bureau 2",
                        c.generatedAt().replace("Z", "+00:00"))), 2, 600, 15),
                SampleContent.mutable(), SampleContent.mutable()));

        await().atMost(WAIT).until(() -> "C13".equals(text(robot, "#calling-number")));
        assertThat(text(robot, "#calling-desk")).isEqualTo("Allez au Bureau 2");
    }

    @Test
    void theDevicesStatesAreSaidPlainly(FxRobot robot) {
        kiosk.agent.devices("""
                {"items":[
                 {"id":"imprimante","kind":"printer","name":"Imprimante","health":"error","reasons":["media-empty-report"],"metrics":{},"simulated":true},
                 {"id":"scanner","kind":"scanner","name":"Scanner","health":"ok","reasons":[],"metrics":{},"simulated":true},
                 {"id":"pc-1","kind":"computer","name":"Poste 1","health":"ok","reasons":[],"metrics":{},"simulated":true},
                 {"id":"pc-2","kind":"computer","name":"Poste 2","health":"ok","reasons":[],"metrics":{},"simulated":true},
                 {"id":"pc-3","kind":"computer","name":"Poste 3","health":"warning","reasons":["disk"],"metrics":{},"simulated":true},
                 {"id":"pc-4","kind":"computer","name":"Poste 4","health":"error","reasons":["offline"],"metrics":{},"simulated":true}]}
                """);
        robot.clickOn("#tile-printing");

        await().atMost(WAIT).until(() -> deviceLines(robot).contains(
                "L'imprimante n'a plus de papier : demandez au médiateur."));
        assertThat(deviceLines(robot)).contains("Le scanner fonctionne.");

        robot.clickOn("#home-button").clickOn("#tile-computer");
        assertThat(deviceLines(robot)).containsExactly("3 ordinateurs sur 4 fonctionnent.");
    }

    private static List<String> deviceLines(FxRobot robot) {
        return robot.lookup("#device-states .label").queryAllAs(Label.class).stream()
                .filter(l -> l.getScene() != null && l.getParent() != null && l.getParent().isVisible())
                .filter(l -> isShown(l))
                .map(l -> plain(l.getText())).toList();
    }

    private static boolean isShown(javafx.scene.Node node) {
        for (javafx.scene.Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    static String text(FxRobot robot, String query) {
        return plain(robot.lookup(query).queryAs(Label.class).getText());
    }
}
