package fr.relais.kiosk.ui;

import fr.relais.kiosk.config.KioskConfig;
import fr.relais.kiosk.config.Site;
import fr.relais.protocol.SiteKind;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;

/** Shared set-up of the UI tests: a kiosk on TestFX's stage at the size of a common 10-inch screen. */
final class TestKiosks {

    static final String SITE_NAME = "Tiers-lieu numérique de Montcornet";
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(120);

    private TestKiosks() {
    }

    static KioskConfig config() {
        return new KioskConfig(new Site(SITE_NAME, SiteKind.MEDIATION), IDLE_TIMEOUT, false);
    }

    static KioskUi show(Stage stage, Clock clock) {
        KioskUi ui = new KioskUi(config(), clock);
        stage.setScene(ui.createScene(KioskWindow.WINDOW_WIDTH, KioskWindow.WINDOW_HEIGHT));
        stage.show();
        return ui;
    }

    static TextField searchField(FxRobot robot) {
        return robot.lookup("#procedure-search").queryAs(TextField.class);
    }

    static List<String> procedureIds(FxRobot robot) {
        return robot.lookup("#procedure-list").queryAs(GridPane.class).getChildren().stream()
                .map(Node::getId)
                .toList();
    }

    /** Typed text without the non-breaking spaces of French typography, for readable assertions. */
    static String plain(String text) {
        return text.replace('\u00a0', ' ');
    }
}
