package fr.relais.kiosk.ui;

import static fr.relais.kiosk.ui.TestKiosks.plain;
import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.kiosk.shots.Screenshots;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The mediation place in trouble, as the screenshots draw it: the agent stopped (the last states kept,
 * the visitor told the connection is cut and since when), the printer unplugged or out of paper.
 */
@ExtendWith(ApplicationExtension.class)
class TroubleScreensTest {

    private static final Instant NOW = Instant.parse("2026-03-03T10:00:00Z");

    @Start
    void start(Stage stage) {
        // Scenes of their own.
    }

    @Test
    void withTheAgentStoppedHomeSaysTheConnectionIsCutAndSinceWhen() throws Exception {
        String said = onFx(() -> freshness(scene("home-agent-stopped", ScreenId.HOME, TextSize.NORMAL, 800, 480)));

        // The content was last received 40 minutes before 11 h, Paris time.
        assertThat(said).isEqualTo(plain(Ui.OFFLINE_PREFIX) + " Mis à jour à 10 h 20.");
    }

    @Test
    void withTheAgentAnsweringHomeSaysNothingAboutFreshness() throws Exception {
        boolean shown = onFx(() -> {
            KioskUi ui = Screenshots.sampleKiosk(0, NOW);
            Scene scene = ui.createScene(800, 480);
            ui.stop();
            return scene.lookup("#freshness").isVisible();
        });

        assertThat(shown).isFalse();
    }

    @Test
    void withTheAgentStoppedThePrintingScreenSaysItsStatesAreTheLastKnown() throws Exception {
        List<String> states = onFx(() -> states(scene("printing-agent-stopped", ScreenId.PRINTING, TextSize.NORMAL,
                1280, 800)));

        assertThat(states).containsExactly(plain(Ui.OFFLINE_PREFIX) + " Mis à jour à 10 h 20.",
                "L'imprimante fonctionne.", "Le scanner fonctionne.");
    }

    @Test
    void anUnpluggedPrinterIsSaidPlainlyWithoutItsTechnicalReason() throws Exception {
        List<String> states = onFx(() -> states(scene("printing-printer-unplugged", ScreenId.PRINTING,
                TextSize.NORMAL, 800, 480)));

        assertThat(states).containsExactly("L'imprimante ne marche pas pour le moment : demandez au médiateur.",
                "Le scanner fonctionne.");
    }

    @Test
    void aPrinterOutOfPaperSaysSo() throws Exception {
        List<String> states = onFx(() -> states(scene("printing-out-of-paper", ScreenId.PRINTING, TextSize.NORMAL,
                800, 480)));

        assertThat(states).containsExactly("L'imprimante n'a plus de papier : demandez au médiateur.",
                "Le scanner fonctionne.");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TextSize.class)
    void theOfflineLineCutsNoTextOnTheSevenInchDisplay(TextSize size) throws Exception {
        List<String> cut = onFx(() -> {
            List<String> found = new ArrayList<>();
            cut(scene("home-agent-stopped", ScreenId.HOME, size, 800, 480).getRoot(), found);
            cut(scene("printing-agent-stopped", ScreenId.PRINTING, size, 800, 480).getRoot(), found);
            return found;
        });

        assertThat(cut).isEmpty();
    }

    private static Scene scene(String trouble, ScreenId screen, TextSize size, double width, double height) {
        KioskUi ui = Screenshots.troubledKiosk(trouble, NOW);
        ui.setTextSize(size);
        ui.show(screen);
        Scene scene = ui.createScene(width, height);
        ui.stop();
        for (int pass = 0; pass < 3; pass++) {
            scene.getRoot().applyCss();
            scene.getRoot().layout();
        }
        return scene;
    }

    private static String freshness(Scene scene) {
        Label label = (Label) scene.lookup("#freshness");
        assertThat(label.isVisible()).isTrue();
        return plain(label.getText());
    }

    private static List<String> states(Scene scene) {
        return ((Parent) scene.lookup("#device-states")).getChildrenUnmodifiable().stream()
                .map(n -> plain(((Label) n).getText())).toList();
    }

    private static void cut(Node node, List<String> found) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof Labeled labeled && labeled.getText() != null && !labeled.getText().isEmpty()) {
            for (Node child : labeled.getChildrenUnmodifiable()) {
                if (child instanceof Text text && !text.getText().equals(labeled.getText())) {
                    found.add("'" + labeled.getText() + "' shown as '" + text.getText() + "'");
                }
            }
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                cut(child, found);
            }
        }
    }

    private static <T> T onFx(Callable<T> task) throws Exception {
        return WaitForAsyncUtils.asyncFx(task).get(60, TimeUnit.SECONDS);
    }
}
