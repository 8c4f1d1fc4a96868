package fr.relais.kiosk.ui;

import fr.relais.kiosk.shots.ManualClock;
import static fr.relais.kiosk.ui.TestKiosks.IDLE_TIMEOUT;
import static fr.relais.kiosk.ui.TestKiosks.searchField;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/** The kiosk's clock is moved by hand: no test waits for the real timeout. */
@ExtendWith(ApplicationExtension.class)
class IdleTimeoutTest {

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
    void inactivityReturnsHomeAndWipesWhatWasTyped(FxRobot robot) {
        robot.clickOn("#tile-procedures").clickOn("#procedure-search").write("retraite");

        clock.advance(IDLE_TIMEOUT);

        // The kiosk's own periodic check must notice, with no help from the test.
        await().atMost(java.time.Duration.ofSeconds(30)).until(() -> ui.currentScreen() == ScreenId.HOME);
        robot.clickOn("#tile-procedures");
        assertThat(searchField(robot).getText()).isEmpty();
    }

    @Test
    void eachTouchOrKeyStartsTheWaitAgain(FxRobot robot) {
        robot.clickOn("#tile-procedures").clickOn("#procedure-search").write("caf");
        clock.advance(IDLE_TIMEOUT.minusSeconds(20));
        robot.write("e");
        clock.advance(IDLE_TIMEOUT.minusSeconds(20));

        robot.interact(ui::checkIdle);

        assertThat(ui.currentScreen()).isEqualTo(ScreenId.PROCEDURES);
        assertThat(searchField(robot).getText()).isEqualTo("cafe");

        clock.advance(Duration.ofSeconds(20));
        robot.interact(ui::checkIdle);

        assertThat(ui.currentScreen()).isEqualTo(ScreenId.HOME);
    }
}
