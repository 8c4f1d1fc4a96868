package fr.relais.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.kiosk.config.KioskConfig;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The launcher's path to the screen, on a stage of its own as in production. */
@ExtendWith(ApplicationExtension.class)
class KioskWindowTest {

    @Start
    void start(Stage stage) {
        // Each test opens its own stage.
    }

    @Test
    void aKioskConfiguredFullScreenTakesTheScreenAndEscapeDoesNotLeaveIt(FxRobot robot) throws Exception {
        KioskConfig config = new KioskConfig(TestKiosks.config().site(), TestKiosks.IDLE_TIMEOUT, true);

        Stage stage = open(config);

        try {
            assertThat(stage.isShowing()).isTrue();
            assertThat(stage.isFullScreen()).isTrue();
            assertThat(stage.getFullScreenExitKeyCombination()).isEqualTo(KeyCombination.NO_MATCH);
            assertThat(stage.getTitle()).isEqualTo("Relais - " + TestKiosks.SITE_NAME);
        } finally {
            robot.interact(stage::close);
        }
    }

    @Test
    void aKioskConfiguredWindowedOpensAWindow(FxRobot robot) throws Exception {
        Stage stage = open(TestKiosks.config());

        try {
            assertThat(stage.isShowing()).isTrue();
            assertThat(stage.isFullScreen()).isFalse();
            assertThat(stage.getScene().getWidth()).isEqualTo(KioskWindow.WINDOW_WIDTH);
        } finally {
            robot.interact(stage::close);
        }
    }

    private static Stage open(KioskConfig config) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            Stage stage = new Stage();
            KioskWindow.open(stage, config, Clock.systemUTC());
            return stage;
        }).get(30, TimeUnit.SECONDS);
    }
}
