package fr.relais.kiosk.ui;

import fr.relais.kiosk.shots.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.kiosk.shots.Screenshots;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * Each visitor session builds every screen anew: the screens of a session the inactivity wipe ended must
 * not be kept by anything that lives on (a listener on the agent's state or on the text size, a timer,
 * a cache), or an hour of visitors would fill the Pi's memory. The bench's visitors go through the main
 * screens, the wipe runs, and the screens they saw must be collected.
 */
@ExtendWith(ApplicationExtension.class)
class SessionLeakTest {

    /** A Tuesday, 9:30 in Paris: the place is open and gives tickets. */
    private static final Instant MORNING = Instant.parse("2026-03-03T08:30:00Z");
    private final ManualClock clock = new ManualClock(MORNING);
    private KioskUi ui;
    private Stage stage;

    /**
     * On a stage of its own: TestFX keeps every event fired on the stage it gives, and an event keeps its
     * target node, so on that stage the test found the screens held by TestFX (a heap dump showed it).
     */
    @Start
    void start(Stage given) {
        ui = Screenshots.sampleKiosk(0, MORNING, clock);
        stage = new Stage();
        stage.setScene(ui.createScene(KioskWindow.WINDOW_WIDTH, KioskWindow.WINDOW_HEIGHT));
        stage.show();
    }

    @Stop
    void stop() {
        ui.stop();
        stage.hide();
    }

    @Test
    void theScreensOfAWipedSessionAreCollected(FxRobot robot) {
        VisitorTouches visitors = new VisitorTouches(ui, clock::advance, Screenshots.idleTimeout(0));
        List<WeakReference<Node>> seen = new ArrayList<>();
        // Visitors 1 to 4 between them go through every activity of the place (two each).
        for (int visitor = 1; visitor <= 4; visitor++) {
            int number = visitor;
            Map<Node, Boolean> shown = new IdentityHashMap<>();
            for (Runnable touch : sessionOf(robot, visitors, number)) {
                robot.interact(touch);
                robot.interact(() -> shown.put(ui.currentScene().lookup(".screen"), true));
            }
            robot.interact(visitors::leave);
            shown.keySet().forEach(node -> seen.add(new WeakReference<>(node)));
        }
        // One more visitor, so that nothing of the others is on screen any more.
        for (Runnable touch : sessionOf(robot, visitors, 5)) {
            robot.interact(touch);
        }
        robot.interact(visitors::leave);

        assertThat(seen).hasSizeGreaterThanOrEqualTo(5);
        assertThat(visitors.touches()).isGreaterThan(40);
        for (int attempt = 0; attempt < 20 && seen.stream().anyMatch(ref -> ref.get() != null); attempt++) {
            System.gc();
            robot.interact(() -> { });
        }
        assertThat(seen).allSatisfy(ref -> assertThat(ref.get()).as("a screen of an ended session").isNull());
        assertThat(ui.currentScreen()).isEqualTo(ScreenId.HOME);
    }

    private static List<Runnable> sessionOf(FxRobot robot, VisitorTouches visitors, int number) {
        List<List<Runnable>> holder = new ArrayList<>();
        robot.interact(() -> holder.add(visitors.session(number)));
        return holder.get(0);
    }

    @Test
    void theWipeComesAfterTheQuestionAndResetsTheVisitorsChoices(FxRobot robot) {
        VisitorTouches visitors = new VisitorTouches(ui, clock::advance, Screenshots.idleTimeout(0));
        // Visitor 2 makes the text larger and turns the contrast on.
        for (Runnable touch : sessionOf(robot, visitors, 2)) {
            robot.interact(touch);
        }
        assertThat(ui.highContrast()).isTrue();
        assertThat(ui.textSize()).isNotEqualTo(TextSize.NORMAL);

        robot.interact(visitors::leave);

        assertThat(ui.currentScreen()).isEqualTo(ScreenId.HOME);
        assertThat(ui.highContrast()).isFalse();
        assertThat(ui.textSize()).isEqualTo(TextSize.NORMAL);
        assertThat(Duration.between(MORNING, clock.instant())).isGreaterThanOrEqualTo(Screenshots.idleTimeout(0));
    }
}
