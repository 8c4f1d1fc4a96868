package fr.relais.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.kiosk.shots.KioskStates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The states past each screen's first look ({@link KioskStates}: the ticket taken, the slots, the
 * first-name step, the confirmation, an action pending or its code, coworking after a badge, the
 * technician's badge and PIN, "Êtes-vous toujours là ?"), in each text size, with and without high
 * contrast, on both displays, checked as {@link AccessibilityTest} checks the screens: reached (the
 * state's own text is there), the chosen size and contrast applied, nothing wider than the screen,
 * nothing cut short with "…", nothing below the screen's bottom that no scrolling can bring up, and the
 * dialogs (the idle prompt, the technician's gate) whole on the screen.
 */
@ExtendWith(ApplicationExtension.class)
class AccessibilityStatesTest {

    /** What shows that each state was reached: a node's id and its text (empty: only visible). */
    private static final Map<String, String[]> REACHED = Map.ofEntries(
            Map.entry("help-ticket", new String[] {"#ticket-label", "C12"}),
            Map.entry("help-slots", new String[] {"#back", "Recommencer"}),
            Map.entry("help-first-name", new String[] {"#first-name-next", "Continuer"}),
            Map.entry("help-confirm", new String[] {"#confirm", "Confirmer le rendez-vous"}),
            Map.entry("help-code", new String[] {"#action-code", "K7WX3"}),
            Map.entry("workshops-first-name", new String[] {"#no-name", "Sans nom"}),
            Map.entry("workshops-pending", new String[] {"#action-pending", PendingAction.PENDING}),
            Map.entry("coworking-badged", new String[] {"#checkin-result", "Bienvenue ! Votre arrivée est enregistrée."}),
            Map.entry("technician-badge", new String[] {"#tech-prompt", TechnicianGate.BADGE}),
            Map.entry("technician-pin", new String[] {"#pin-dots", "••"}),
            Map.entry("idle-prompt", new String[] {"#idle-question", IdlePrompt.QUESTION}));

    @Start
    void start(Stage stage) {
        // Scenes of their own.
    }

    static List<Object[]> cases() {
        List<Object[]> cases = new ArrayList<>();
        for (double[] display : new double[][] {{KioskWindow.WINDOW_WIDTH, KioskWindow.WINDOW_HEIGHT}, {800, 480}}) {
            for (TextSize size : TextSize.values()) {
                for (boolean contrast : new boolean[] {false, true}) {
                    cases.add(new Object[] {size, contrast, display[0], display[1]});
                }
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0} contrast={1} {2}x{3}")
    @MethodSource("cases")
    void everyStateFitsInEveryMode(TextSize size, boolean contrast, double width, double height) throws Exception {
        List<String> cut = new ArrayList<>();
        List<String> problems = WaitForAsyncUtils.asyncFx(() -> {
            List<String> found = new ArrayList<>();
            for (KioskStates.State state : KioskStates.ALL) {
                KioskStates.Staged staged = KioskStates.stage(state, Instant.now());
                KioskUi ui = staged.ui();
                ui.setTextSize(size);
                ui.setHighContrast(contrast);
                Scene scene = ui.createScene(width, height);
                ui.stop();
                staged.reach(scene);

                String[] marker = REACHED.get(state.name());
                Node shown = scene.lookup(marker[0]);
                assertThat(shown).as("%s reached", state.name()).isNotNull();
                assertThat(shown.isVisible() && shown.getParent().isVisible()).as("%s visible", state.name()).isTrue();
                assertThat(((Labeled) shown).getText()).as(state.name()).isEqualTo(marker[1]);
                assertThat(ui.highContrast()).isEqualTo(contrast);
                assertThat(ui.textSize()).isEqualTo(size);
                assertThat(ui.contentStyle()).contains(String.format(java.util.Locale.ROOT, "%.1fpx",
                        DisplayScaler.fontSize(width, height) * size.factor()));
                if (state.name().equals("idle-prompt")) {
                    // The visitor's size, as on the screens: .dialog-title is 2.2em.
                    assertThat(((Labeled) shown).getFont().getSize()).as("the question in the visitor's size")
                            .isCloseTo(DisplayScaler.fontSize(width, height) * size.factor() * 2.2,
                                    org.assertj.core.data.Offset.offset(0.5));
                }
                AccessibilityTest.check(scene.getRoot(), width, state.name(), found, cut);
                AccessibilityTest.below(scene.getRoot(), height, state.name(), found);
                for (Node dialog : scene.getRoot().lookupAll(".dialog")) {
                    Bounds box = dialog.localToScene(dialog.getLayoutBounds());
                    if (dialog.getParent().isVisible() && (box.getMinY() < -1 || box.getMaxY() > height + 1)) {
                        found.add(state.name() + ": the dialog runs from y=" + (int) box.getMinY() + " to y="
                                + (int) box.getMaxY() + ", beyond the screen");
                    }
                }
            }
            return found;
        }).get(120, TimeUnit.SECONDS);

        assertThat(problems).as("%s contrast=%s %dx%d", size, contrast, (int) width, (int) height).isEmpty();
        assertThat(cut).as("texts cut short with … (" + size.label() + ", " + (int) width + "×" + (int) height + ")")
                .isEmpty();
    }
}
