package fr.relais.kiosk.ui;

import fr.relais.kiosk.shots.ManualClock;
import static fr.relais.kiosk.ui.TestKiosks.IDLE_TIMEOUT;
import static fr.relais.kiosk.ui.TestKiosks.plain;
import static fr.relais.kiosk.ui.TestKiosks.searchField;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.relais.kiosk.config.KioskConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/** "Êtes-vous toujours là ?" comes at least 20 s before the wipe; the clock is moved by hand. */
@ExtendWith(ApplicationExtension.class)
class IdlePromptTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T09:00:00Z"));
    private KioskUi ui;

    @Start
    void start(Stage stage) {
        ui = TestKiosks.show(stage, clock);
    }

    @Stop
    void stop() {
        ui.stop();
    }

    @Test
    void theQuestionComesWithACountdownAndJeSuisLaKeepsTheScreen(FxRobot robot) {
        robot.clickOn("#tile-procedures").clickOn("#procedure-search").write("caf");
        clock.advance(IDLE_TIMEOUT.minus(IdleWatch.warningFor(IDLE_TIMEOUT)));

        robot.interact(ui::checkIdle);

        assertThat(ui.idlePromptShowing()).isTrue();
        assertThat(plain(robot.lookup("#idle-question").queryAs(Label.class).getText()))
                .isEqualTo("Êtes-vous toujours là ?");
        assertThat(plain(robot.lookup("#idle-countdown").queryAs(Label.class).getText()))
                .isEqualTo("Sans réponse, tout ce que vous avez fait sera effacé dans 30 secondes.");

        robot.clickOn("#idle-here");

        assertThat(ui.idlePromptShowing()).isFalse();
        assertThat(ui.currentScreen()).isEqualTo(ScreenId.PROCEDURES);
        assertThat(searchField(robot).getText()).isEqualTo("caf");
    }

    @Test
    void withoutAnAnswerTheSessionIsWipedAtTheTimeout(FxRobot robot) {
        robot.clickOn("#tile-procedures").clickOn("#procedure-search").write("retraite");
        clock.advance(IDLE_TIMEOUT.minusSeconds(25));
        robot.interact(ui::checkIdle);
        assertThat(ui.idlePromptShowing()).isTrue();

        clock.advance(Duration.ofSeconds(25));
        robot.interact(ui::checkIdle);

        assertThat(ui.idlePromptShowing()).isFalse();
        assertThat(ui.currentScreen()).isEqualTo(ScreenId.HOME);
        robot.clickOn("#tile-procedures");
        assertThat(searchField(robot).getText()).isEmpty();
    }

    @Test
    void theWarningIsAtLeastTwentySecondsForEveryAcceptedTimeout() {
        for (long seconds = KioskConfig.MIN_IDLE_TIMEOUT.toSeconds(); seconds <= KioskConfig.MAX_IDLE_TIMEOUT.toSeconds();
             seconds++) {
            Duration warning = IdleWatch.warningFor(Duration.ofSeconds(seconds));
            assertThat(warning).as("warning for %d s", seconds).isGreaterThanOrEqualTo(Duration.ofSeconds(20))
                    .isLessThanOrEqualTo(Duration.ofSeconds(30));
        }
        assertThat(IdleWatch.warningFor(Duration.ofSeconds(40))).isEqualTo(Duration.ofSeconds(20));
        assertThat(IdleWatch.warningFor(Duration.ofSeconds(50))).isEqualTo(Duration.ofSeconds(25));
        assertThatThrownBy(() -> new KioskConfig(TestKiosks.config().site(), Duration.ofSeconds(39), false))
                .as("a timeout that would shorten the prompt is refused").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theShortestAcceptedTimeoutStillAsksTwentySecondsBeforeTheWipe(FxRobot robot) throws Exception {
        KioskUi shortKiosk = WaitForAsyncUtils.asyncFx(() -> {
            KioskUi kiosk = new KioskUi(new KioskConfig(TestKiosks.config().site(), KioskConfig.MIN_IDLE_TIMEOUT,
                    false), clock);
            Stage stage = new Stage();
            stage.setScene(kiosk.createScene(KioskWindow.WINDOW_WIDTH, KioskWindow.WINDOW_HEIGHT));
            stage.show();
            return kiosk;
        }).get(30, TimeUnit.SECONDS);
        try {
            robot.interact(() -> {
                shortKiosk.show(ScreenId.PROCEDURES);
                shortKiosk.currentScene().getRoot().fireEvent(new javafx.scene.input.KeyEvent(
                        javafx.scene.input.KeyEvent.KEY_PRESSED, "", "", javafx.scene.input.KeyCode.A, false, false,
                        false, false));
            });
            clock.advance(Duration.ofSeconds(19));
            robot.interact(shortKiosk::checkIdle);
            assertThat(shortKiosk.idlePromptShowing()).as("not before the last 20 s").isFalse();

            clock.advance(Duration.ofSeconds(1));
            robot.interact(shortKiosk::checkIdle);
            assertThat(shortKiosk.idlePromptShowing()).isTrue();
            Label countdown = (Label) shortKiosk.currentScene().lookup("#idle-countdown");
            assertThat(plain(countdown.getText()))
                    .isEqualTo("Sans réponse, tout ce que vous avez fait sera effacé dans 20 secondes.");

            clock.advance(Duration.ofSeconds(19));
            robot.interact(shortKiosk::checkIdle);
            assertThat(shortKiosk.currentScreen()).as("still the visitor's screen").isEqualTo(ScreenId.PROCEDURES);
            clock.advance(Duration.ofSeconds(1));
            robot.interact(shortKiosk::checkIdle);
            assertThat(shortKiosk.currentScreen()).as("wiped at the timeout").isEqualTo(ScreenId.HOME);
        } finally {
            robot.interact(() -> {
                shortKiosk.stop();
                shortKiosk.currentScene().getWindow().hide();
            });
        }
    }
}
