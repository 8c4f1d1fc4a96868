package fr.relais.kiosk.ui;

import static fr.relais.kiosk.ui.TestKiosks.IDLE_TIMEOUT;
import static fr.relais.kiosk.ui.TestKiosks.plain;
import static fr.relais.kiosk.ui.TestKiosks.searchField;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/** "Êtes-vous toujours là ?" comes at least 20 s before the wipe; the clock is moved by hand. */
@ExtendWith(ApplicationExtension.class)
class IdlePromptTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
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
    void theWarningIsAtLeastTwentySecondsForEveryTimeoutOfAMinuteOrMore() {
        for (long seconds = 60; seconds <= 3600; seconds += 60) {
            assertThat(IdleWatch.warningFor(Duration.ofSeconds(seconds))).isGreaterThanOrEqualTo(Duration.ofSeconds(20));
        }
        assertThat(IdleWatch.warningFor(Duration.ofSeconds(40))).isEqualTo(Duration.ofSeconds(20));
    }
}
