package fr.relais.kiosk.ui;

import fr.relais.kiosk.config.KioskConfig;
import java.time.Clock;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;

/** Puts a kiosk on a stage: full screen with no way out for visitors, or a window for development. */
public final class KioskWindow {

    public static final double WINDOW_WIDTH = 1280;
    public static final double WINDOW_HEIGHT = 800;

    private KioskWindow() {
    }

    public static KioskUi open(Stage stage, KioskConfig config, Clock clock) {
        return open(stage, config, clock, fr.relais.kiosk.agent.KioskAgent.none());
    }

    public static KioskUi open(Stage stage, KioskConfig config, Clock clock, fr.relais.kiosk.agent.KioskAgent agent) {
        KioskUi ui = new KioskUi(config, clock, agent);
        stage.setScene(ui.createScene(WINDOW_WIDTH, WINDOW_HEIGHT));
        stage.setTitle("Relais - " + config.site().name());
        stage.setOnHidden(e -> ui.stop());
        stage.show();
        if (config.fullScreen()) {
            // Escape must not drop a visitor onto the desktop.
            stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
            stage.setFullScreenExitHint("");
            // After show(): Monocle fails on a full-screen request made while the stage is hidden.
            stage.setFullScreen(true);
        }
        return ui;
    }
}
