package fr.relais.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.kiosk.shots.Screenshots;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every screen of every kind of place, in each text size, with and without high contrast: it renders,
 * gets the chosen size and contrast, and nothing is wider than the screen (checked by walking the
 * scene's nodes), and no text is cut short with "…" at any size, on the wall screen (1280×800) as on the
 * Pi's 7-inch display (800×480). The texts cut short are also listed in target/accessibility-cut-texts.txt,
 * to see them all at once when this fails.
 */
@ExtendWith(ApplicationExtension.class)
class AccessibilityTest {

    @Start
    void start(Stage stage) {
        // Scenes of their own.
    }

    /** The wall screen and the Pi's 7-inch touchscreen. */
    private static final double[][] DISPLAYS = {{KioskWindow.WINDOW_WIDTH, KioskWindow.WINDOW_HEIGHT}, {800, 480}};

    static List<Object[]> cases() {
        List<Object[]> cases = new ArrayList<>();
        for (double[] display : DISPLAYS) {
            for (int kind = 0; kind < Screenshots.KINDS.length; kind++) {
                for (TextSize size : TextSize.values()) {
                    for (boolean contrast : new boolean[] {false, true}) {
                        cases.add(new Object[] {Screenshots.KINDS[kind], kind, size, contrast, display[0], display[1]});
                    }
                }
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0} {2} contrast={3} {4}x{5}")
    @MethodSource("cases")
    void everyScreenFitsInEveryMode(String kindName, int kind, TextSize size, boolean contrast, double width,
                                    double height) throws Exception {
        List<String> cut = new ArrayList<>();
        List<String> problems = WaitForAsyncUtils.asyncFx(() -> {
            List<String> found = new ArrayList<>();
            for (ScreenId screen : ScreenId.values()) {
                KioskUi ui = Screenshots.sampleKiosk(kind, Instant.now());
                ui.setTextSize(size);
                ui.setHighContrast(contrast);
                ui.show(screen);
                Scene scene = ui.createScene(width, height);
                ui.stop();
                // Wrapped text settles over a few passes, as over a few frames on screen.
                for (int pass = 0; pass < 3; pass++) {
                    scene.getRoot().applyCss();
                    scene.getRoot().layout();
                }
                assertThat(ui.highContrast()).isEqualTo(contrast);
                assertThat(ui.contentStyle()).contains(String.format(java.util.Locale.ROOT, "%.1fpx",
                        DisplayScaler.fontSize(width, height) * size.factor()));
                check(scene.getRoot(), scene.getWidth(), screen, found, cut);
                below(scene.getRoot(), height, screen, found);
            }
            return found;
        }).get(120, TimeUnit.SECONDS);

        java.nio.file.Path report = java.nio.file.Path.of("target", "accessibility-cut-texts.txt");
        java.nio.file.Files.write(report, cut.stream().map(c -> kindName + " " + size + " contrast=" + contrast + " "
                + (int) width + "x" + (int) height + " " + c).toList(),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        assertThat(problems).isEmpty();
        assertThat(cut).as("texts cut short with … (" + size.label() + ", " + (int) width + "×" + (int) height + ")")
                .isEmpty();
    }

    static List<Object[]> sizesAndDisplays() {
        List<Object[]> cases = new ArrayList<>();
        for (double[] display : DISPLAYS) {
            for (TextSize size : TextSize.values()) {
                cases.add(new Object[] {size, display[0], display[1]});
            }
        }
        return cases;
    }

    /** The steps of cancelling with a code that the loop above does not reach: its sentences and choices. */
    @ParameterizedTest(name = "{0} {1}x{2}")
    @MethodSource("sizesAndDisplays")
    void everyStepOfCancellingWithACodeFits(TextSize size, double width, double height) throws Exception {
        List<String> cut = new ArrayList<>();
        List<String> problems = WaitForAsyncUtils.asyncFx(() -> {
            List<String> found = new ArrayList<>();
            KioskUi ui = Screenshots.sampleKiosk(0, Instant.now());
            ui.setTextSize(size);
            ui.show(ScreenId.CANCEL);
            Scene scene = ui.createScene(width, height);
            ui.stop();
            // The scroll pane's content is in the scene only once its skin is made.
            Screenshots.settle(scene);
            javafx.scene.control.TextField code = (javafx.scene.control.TextField) scene.lookup("#cancel-code");
            code.setText("K7WX3");
            code.appendText("O");
            checkSettled(scene, width, found, cut);
            ((javafx.scene.control.Button) scene.lookup("#cancel-next")).fire();
            checkSettled(scene, width, found, cut);
            code.appendText("P");
            ((javafx.scene.control.Button) scene.lookup("#cancel-next")).fire();
            checkSettled(scene, width, found, cut);
            ((javafx.scene.control.Button) scene.lookup("#cancel-appointment")).fire();
            checkSettled(scene, width, found, cut);
            assertThat(scene.lookup("#confirm")).isNotNull();
            return found;
        }).get(60, TimeUnit.SECONDS);

        assertThat(problems).isEmpty();
        assertThat(cut).isEmpty();
    }

    private static void checkSettled(Scene scene, double width, List<String> problems, List<String> cut) {
        Screenshots.settle(scene);
        check(scene.getRoot(), width, ScreenId.CANCEL, problems, cut);
    }

    /**
     * On every screen of every kind of place, the top bar's buttons are pressed (by the pointer, as a visitor
     * would) and work: the text size goes normal → large → very large → normal on the screen below, the
     * button says which, and contrast goes on and off; then the end of the session puts both back.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void theTopBarOffersTextSizeAndContrastOnEveryScreen(String kindName, int kind, FxRobot robot) throws Exception {
        KioskUi ui = WaitForAsyncUtils.asyncFx(() -> {
            KioskUi kiosk = Screenshots.sampleKiosk(kind, Instant.now());
            Stage stage = new Stage();
            stage.setScene(kiosk.createScene(KioskWindow.WINDOW_WIDTH, KioskWindow.WINDOW_HEIGHT));
            stage.show();
            return kiosk;
        }).get(30, TimeUnit.SECONDS);
        double base = DisplayScaler.fontSize(KioskWindow.WINDOW_WIDTH, KioskWindow.WINDOW_HEIGHT);
        try {
            for (ScreenId screen : ScreenId.values()) {
                robot.interact(() -> ui.show(screen));
                for (TextSize expected : List.of(TextSize.LARGE, TextSize.VERY_LARGE, TextSize.NORMAL)) {
                    robot.clickOn("#text-size-button");
                    assertThat(ui.textSize()).as("%s: text size", screen).isEqualTo(expected);
                    assertThat(ui.contentStyle()).as("%s: the screen's font", screen).contains(
                            String.format(java.util.Locale.ROOT, "%.1fpx", base * expected.factor()));
                    assertThat(robot.lookup("#text-size-button").queryButton().getText())
                            .isEqualTo("Texte : " + expected.label());
                }
                robot.clickOn("#contrast-button");
                assertThat(ui.highContrast()).as("%s: contrast on", screen).isTrue();
                assertThat(robot.lookup("#" + screen.nodeId()).query().isVisible()).as("%s still shown", screen)
                        .isTrue();
                robot.clickOn("#contrast-button");
                assertThat(ui.highContrast()).as("%s: contrast off", screen).isFalse();
                assertThat(ui.currentScreen()).isEqualTo(screen);
            }

            robot.clickOn("#text-size-button").clickOn("#contrast-button").clickOn("#end-session-button");
            assertThat(ui.textSize()).as("the next visitor starts in normal size").isEqualTo(TextSize.NORMAL);
            assertThat(ui.highContrast()).isFalse();
            assertThat(robot.lookup("#read-aloud-button").query().isVisible())
                    .as("shown exactly when espeak-ng is on the PATH").isEqualTo(
                            ReadAloud.find(System.getenv("PATH")).isPresent());
        } finally {
            robot.interact(() -> {
                ui.stop();
                ui.currentScene().getWindow().hide();
            });
        }
    }

    static List<Object[]> kinds() {
        List<Object[]> kinds = new ArrayList<>();
        for (int kind = 0; kind < Screenshots.KINDS.length; kind++) {
            kinds.add(new Object[] {Screenshots.KINDS[kind], kind});
        }
        return kinds;
    }

    static void check(Node node, double width, Object screen, List<String> problems, List<String> cut) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof Labeled labeled && labeled.getText() != null && !labeled.getText().isEmpty()) {
            for (Node child : labeled.getChildrenUnmodifiable()) {
                if (child instanceof Text text && !text.getText().equals(labeled.getText())) {
                    cut.add(screen + ": '" + labeled.getText() + "' shown as '" + text.getText() + "'");
                }
            }
            Bounds bounds = labeled.localToScene(labeled.getLayoutBounds());
            if (bounds.getMaxX() > width + 1 && !insideHorizontalScroll(labeled)) {
                problems.add(screen + ": '" + labeled.getText() + "' ends at x=" + (int) bounds.getMaxX());
            }
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                check(child, width, screen, problems, cut);
            }
        }
    }

    /** A text under the screen's bottom edge, outside any scroll pane, cannot be read nor pressed. */
    static void below(Node node, double height, Object state, List<String> problems) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof ScrollPane) {
            return;
        }
        if (node instanceof Labeled labeled && labeled.getText() != null && !labeled.getText().isEmpty()) {
            Bounds bounds = labeled.localToScene(labeled.getLayoutBounds());
            if (bounds.getMaxY() > height + 1) {
                problems.add(state + ": '" + labeled.getText() + "' ends at y=" + (int) bounds.getMaxY()
                        + ", below the screen");
            }
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                below(child, height, state, problems);
            }
        }
    }

    static boolean insideHorizontalScroll(Node node) {
        for (Node n = node.getParent(); n != null; n = n.getParent()) {
            if (n instanceof ScrollPane scroll && !scroll.isFitToWidth()) {
                return true;
            }
        }
        return false;
    }
}
