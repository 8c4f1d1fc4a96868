package fr.relais.kiosk.ui;

import fr.relais.kiosk.shots.ManualClock;
import static fr.relais.kiosk.ui.AgentActionsTest.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fr.relais.kiosk.agent.FakeAgent;
import fr.relais.kiosk.content.Times;
import fr.relais.protocol.SiteKind;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/** Checking in by a badge read at the coworking place; the technician's way out (badge + PIN). */
@ExtendWith(ApplicationExtension.class)
class CoworkingAndMaintenanceTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    @TempDir
    static Path dir;
    /** 7 h today: every room hour of the sample is still to come. */
    private final ManualClock clock = new ManualClock(LocalDate.now(Times.PARIS).atTime(LocalTime.of(7, 0))
            .atZone(Times.PARIS).toInstant());
    private LiveKiosk kiosk;

    @Start
    void start(Stage stage) throws Exception {
        kiosk = LiveKiosk.start(stage, dir, SiteKind.COWORKING, clock);
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
    void aMembersBadgeChecksInThenARoomCanBeBooked(FxRobot robot) {
        robot.clickOn("#tile-coworking");
        assertThat(text(robot, "#badge-prompt")).isEqualTo("Passez votre badge sur le lecteur");
        assertThat(robot.lookup("#book-salle-reunion-0900").queryButton().isDisabled())
                .as("booking waits for a badge").isTrue();

        String read = kiosk.agent.badge(true, false);

        await().atMost(WAIT).until(() -> text(robot, "#checkin-result").startsWith("Bienvenue"));
        JsonNode checkin = kiosk.agent.posted().get(0);
        assertThat(checkin.path("type").asText()).isEqualTo("coworking-checkin");
        assertThat(checkin.path("read").asText()).isEqualTo(read);
        assertThat(checkin.path("direction").asText()).isEqualTo("entry");

        press(robot, "#book-salle-reunion-0900");
        await().atMost(WAIT).until(() -> kiosk.agent.posted().size() == 2);
        JsonNode booking = kiosk.agent.posted().get(1);
        assertThat(booking.path("type").asText()).isEqualTo("room-book");
        assertThat(booking.path("read").asText()).as("the badge read, the agent finds the member").isEqualTo(read);
        assertThat(booking.has("member")).as("the kiosk never names a member").isFalse();
        assertThat(booking.path("room").asText()).isEqualTo("salle-reunion");
        assertThat(booking.path("start").asText()).contains("T09:00");
        await().atMost(WAIT).until(() -> robot.lookup("#action-pending").tryQuery().isPresent());
    }

    @Test
    void aBookingTheAgentRefusesForAnOldBadgeReadSaysToBadgeAgain(FxRobot robot) {
        robot.clickOn("#tile-coworking");
        kiosk.agent.badge(true, false);
        await().atMost(WAIT).until(() -> text(robot, "#checkin-result").startsWith("Bienvenue"));
        kiosk.agent.forgetReads();

        press(robot, "#book-salle-reunion-0900");

        await().atMost(WAIT).until(() -> robot.lookup("#action-refused").tryQuery().isPresent());
        assertThat(text(robot, "#action-refused")).startsWith("Badge non lu ou lu il y a trop longtemps");
    }

    @Test
    void twoMinutesAfterTheBadgeBookingAsksForTheBadgeAgainInsteadOfBeingRefused(FxRobot robot) {
        robot.clickOn("#tile-coworking");
        kiosk.agent.badge(true, false);
        await().atMost(WAIT).until(() -> text(robot, "#checkin-result").startsWith("Bienvenue"));
        await().atMost(WAIT).until(() -> robot.lookup("#book-salle-reunion-0900").tryQuery()
                .map(node -> !node.isDisabled()).orElse(false));

        // Past the badge's time, short of the inactivity wipe (TestKiosks.IDLE_TIMEOUT, 120 s): a coworker
        // still at the screen.
        clock.advance(CoworkingScreen.BOOKING_AFTER_BADGE.plusSeconds(5));

        await().atMost(WAIT).until(() -> robot.lookup("#book-salle-reunion-0900").tryQuery()
                .map(node -> node.isDisabled()).orElse(false));
        assertThat(text(robot, "#checkin-result")).isEqualTo("Pour réserver, passez à nouveau votre badge.");
        assertThat(kiosk.agent.posted()).as("only the check-in").hasSize(1);
    }

    @Test
    void aBookingTheAgentForgotIsSaidLostNotAwaitedForever(FxRobot robot) {
        robot.clickOn("#tile-coworking");
        kiosk.agent.badge(true, false);
        await().atMost(WAIT).until(() -> text(robot, "#checkin-result").startsWith("Bienvenue"));
        press(robot, "#book-salle-reunion-0900");
        await().atMost(WAIT).until(() -> robot.lookup("#action-pending").tryQuery().isPresent());

        // The agent's database is wiped while the kiosk follows the booking: it answers 404 now.
        kiosk.agent.forgetActions();

        await().atMost(WAIT).until(() -> robot.lookup("#action-lost").tryQuery().isPresent());
        assertThat(text(robot, "#action-lost")).isEqualTo(TestKiosks.plain(PendingAction.LOST));
        assertThat(robot.lookup("#action-pending").tryQuery()).as("no more waiting").isEmpty();
    }

    @Test
    void anUnknownBadgeLeavingIsRefusedWithTheAgentsSentence(FxRobot robot) {
        robot.clickOn("#tile-coworking").clickOn("#dir-exit");

        kiosk.agent.badge(false, false);

        await().atMost(WAIT).until(() -> text(robot, "#checkin-result").startsWith("Badge inconnu"));
        assertThat(kiosk.agent.posted().get(0).path("direction").asText()).isEqualTo("exit");
    }

    @Test
    void aShortPressOnThePlaceNameDoesNothing(FxRobot robot) {
        longPress(robot, Duration.ofSeconds(1));

        assertThat(robot.lookup("#technician-gate").query().isVisible()).isFalse();
    }

    @Test
    void theTechnicianNeedsTheirBadgeAndTheRightPin(FxRobot robot) {
        List<Integer> exits = new CopyOnWriteArrayList<>();
        robot.interact(() -> kiosk.ui.setExit(exits::add));
        longPress(robot, KioskUi.LONG_PRESS);
        assertThat(text(robot, "#tech-prompt")).isEqualTo(TechnicianGate.BADGE);

        kiosk.agent.badge(false, true);
        await().atMost(WAIT).until(() -> robot.lookup("#pin-ok").tryQuery().isPresent());
        type(robot, "1234");
        await().atMost(WAIT).until(() -> TechnicianGate.REFUSED.equals(text(robot, "#tech-message")));
        assertThat(kiosk.ui.currentScreen()).isEqualTo(ScreenId.HOME);

        type(robot, FakeAgent.TECHNICIAN_PIN);
        await().atMost(WAIT).until(() -> kiosk.ui.currentScreen() == ScreenId.MAINTENANCE);
        assertThat(robot.lookup("#maintenance-facts .label").queryAllAs(javafx.scene.control.Label.class))
                .extracting(l -> l.getText()).anyMatch(t -> t.startsWith("Liaison avec le hub : établie"));

        robot.clickOn("#restart-kiosk");
        assertThat(exits).containsExactly(MaintenanceScreen.EXIT_RESTART);
        robot.clickOn("#leave-maintenance");
        assertThat(kiosk.ui.currentScreen()).isEqualTo(ScreenId.HOME);
    }

    @Test
    void aVisitorsBadgeWithTheRightPinStaysOut(FxRobot robot) {
        longPress(robot, KioskUi.LONG_PRESS);
        kiosk.agent.badge(true, false);
        await().atMost(WAIT).until(() -> robot.lookup("#pin-ok").tryQuery().isPresent());

        type(robot, FakeAgent.TECHNICIAN_PIN);

        await().atMost(WAIT).until(() -> TechnicianGate.REFUSED.equals(text(robot, "#tech-message")));
        assertThat(kiosk.ui.currentScreen()).isEqualTo(ScreenId.HOME);
        robot.clickOn("#tech-cancel");
        assertThat(robot.lookup("#technician-gate").query().isVisible()).isFalse();
    }

    private void longPress(FxRobot robot, Duration held) {
        robot.moveTo("#site-name").press(MouseButton.PRIMARY);
        clock.advance(held);
        robot.release(MouseButton.PRIMARY);
    }

    private static void type(FxRobot robot, String pin) {
        for (char digit : pin.toCharArray()) {
            robot.clickOn("#pin-" + digit);
        }
        robot.clickOn("#pin-ok");
    }


    /**
     * Presses a room's hour once it is there: the rooms are redrawn on the JavaFX thread right after a
     * badge, and a lookup from the test's thread can fall in between.
     */
    private static void press(FxRobot robot, String query) {
        await().atMost(WAIT).until(() -> robot.lookup(query).tryQuery().isPresent());
        robot.clickOn(query);
    }
}
