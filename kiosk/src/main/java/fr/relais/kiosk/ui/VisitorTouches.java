package fr.relais.kiosk.ui;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.event.Event;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;

/**
 * Visitors going through the main screens as a visitor does, for the kiosk's hour-long bench: each
 * touch is a press and release on the node (through the scene, so the kiosk sees input as from a
 * finger and its inactivity watch restarts), each key a typed character; between two touches the
 * kiosk's clock moves on by {@link #TOUCH_EVERY}. A session ends as a real one does: the visitor
 * walks away, "Êtes-vous toujours là ?" comes up, and the inactivity wipe runs, driven by moving
 * the clock and running the kiosk's own idle check instead of waiting minutes.
 * A touch whose target is not on screen throws: the script must follow the real screens.
 * Every method runs on the JavaFX thread.
 */
public final class VisitorTouches {

    /** A busy hour: one touch every 3 s. */
    public static final Duration TOUCH_EVERY = Duration.ofSeconds(3);

    private final KioskUi ui;
    private final Consumer<Duration> advanceClock;
    private final Duration idleTimeout;
    private long touches;

    /** @param advanceClock moves the kiosk's clock (the one given to {@code ui}) forward */
    public VisitorTouches(KioskUi ui, Consumer<Duration> advanceClock, Duration idleTimeout) {
        this.ui = Objects.requireNonNull(ui, "ui");
        this.advanceClock = Objects.requireNonNull(advanceClock, "advanceClock");
        this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
    }

    /**
     * The touches of the {@code number}-th visitor (from 1), each to run as its own JavaFX task so the
     * screen is drawn between two of them. Sessions differ a little (another commune, another topic,
     * text size or contrast every other one), as visitors do.
     */
    public List<Runnable> session(int number) {
        // Each visitor does two of the place's activities, not always the same two, as visitors do.
        List<Consumer<List<Runnable>>> activities = new ArrayList<>(List.of(
                t -> van(t, number), t -> workshops(t, number), t -> procedure(t, number), this::devices));
        if (ui.currentScene().lookup("#tile-coworking") != null) {
            activities.add(this::coworking);
        }
        List<Runnable> touches = new ArrayList<>();
        activities.get(number % activities.size()).accept(touches);
        activities.get((number + 1) % activities.size()).accept(touches);
        // Accessibility on the way, every other visitor: larger text, then contrast; the wipe resets both.
        if (number % 2 == 0) {
            touches.add(() -> tap("text-size-button"));
            touches.add(() -> tap("text-size-button"));
            touches.add(() -> tap("contrast-button"));
        }
        return touches;
    }

    /** Le bus: type the start of a commune, pick one in the list, then the month's tour. */
    private void van(List<Runnable> touches, int number) {
        touches.add(() -> tap("tile-van"));
        touches.add(() -> tap("van-search"));
        touches.add(() -> type("van-search", number % 3 == 0 ? "parf" : "cuir"));
        touches.add(() -> tapNth(".choice-button", "commune-", number));
        touches.add(() -> tap("van-month"));
        touches.add(() -> tap("home-button"));
    }

    /** Les ateliers: register without a name (no agent behind the bench: the kiosk says it cannot). */
    private void workshops(List<Runnable> touches, int number) {
        touches.add(() -> tap("tile-workshops"));
        touches.add(() -> tapNth(".primary-button", "register-", number));
        touches.add(() -> tap("no-name"));
        touches.add(() -> tap("confirm"));
        touches.add(() -> tap("back"));
        touches.add(() -> tap("home-button"));
    }

    /** Une démarche: search, clear, then a mediator: a topic and a ticket (or a slot once the place closed). */
    private void procedure(List<Runnable> touches, int number) {
        touches.add(() -> tap("tile-procedures"));
        touches.add(() -> tap("procedure-search"));
        touches.add(() -> type("procedure-search", number % 3 == 0 ? "impot" : "caf"));
        touches.add(() -> tap("procedure-search-clear"));
        touches.add(() -> tap("open-help"));
        touches.add(() -> tapNth(".choice-button", "topic-", number));
        touches.add(() -> tap(find("take-ticket") != null ? "take-ticket" : "book-appointment"));
        touches.add(() -> tap("home-button"));
    }

    /** The printer's and the computers' states. */
    private void devices(List<Runnable> touches) {
        touches.add(() -> tap("tile-printing"));
        touches.add(() -> tap("home-button"));
        touches.add(() -> tap("tile-computer"));
        touches.add(() -> tap("home-button"));
    }

    private void coworking(List<Runnable> touches) {
        touches.add(() -> tap("tile-coworking"));
        touches.add(() -> tap("dir-exit"));
        touches.add(() -> tap("dir-entry"));
        touches.add(() -> tap("home-button"));
    }

    /** Touches and keys so far. */
    public long touches() {
        return touches;
    }

    /**
     * The visitor has gone: the clock reaches the warning, the kiosk asks "Êtes-vous toujours là ?", then
     * the timeout, and the kiosk wipes the session. Throws if either did not happen.
     */
    public void leave() {
        advanceClock.accept(idleTimeout.minus(IdleWatch.warningFor(idleTimeout)));
        ui.checkIdle();
        if (!ui.idlePromptShowing()) {
            throw new IllegalStateException("no inactivity prompt after " + idleTimeout.minus(
                    IdleWatch.warningFor(idleTimeout)).toSeconds() + " s without a touch");
        }
        advanceClock.accept(IdleWatch.warningFor(idleTimeout));
        ui.checkIdle();
        if (ui.currentScreen() != ScreenId.HOME || ui.idlePromptShowing() || ui.textSize() != TextSize.NORMAL
                || ui.highContrast()) {
            throw new IllegalStateException("the inactivity wipe did not run (screen " + ui.currentScreen() + ")");
        }
    }

    private void tap(String id) {
        Node node = find(id);
        if (node == null) {
            throw new IllegalStateException("no #" + id + " on the screen " + ui.currentScreen());
        }
        press(node);
    }

    /** The {@code number}-th (modulo their count) of the nodes of a style class whose id starts with a prefix. */
    private void tapNth(String styleClass, String idPrefix, int number) {
        laidOut();
        List<Node> found = ui.currentScene().getRoot().lookupAll(styleClass).stream()
                .filter(n -> n.getId() != null && n.getId().startsWith(idPrefix) && n.isVisible())
                .toList();
        if (found.isEmpty()) {
            throw new IllegalStateException("no #" + idPrefix + "… on the screen " + ui.currentScreen());
        }
        press(found.get(Math.floorMod(number, found.size())));
    }

    private void type(String id, String text) {
        Node field = find(id);
        if (field == null) {
            throw new IllegalStateException("no #" + id + " on the screen " + ui.currentScreen());
        }
        for (char c : text.toCharArray()) {
            advanceClock.accept(TOUCH_EVERY);
            touches++;
            String key = String.valueOf(c);
            Event.fireEvent(field, new KeyEvent(KeyEvent.KEY_TYPED, key, "", KeyCode.UNDEFINED, false, false, false,
                    false));
        }
    }

    private Node find(String id) {
        laidOut();
        return ui.currentScene().lookup("#" + id);
    }

    /**
     * CSS and layout as a frame would have done them: a scroll pane shows its content to lookups once
     * its skin exists, and the node's place is where the finger lands.
     */
    private void laidOut() {
        Scene scene = ui.currentScene();
        scene.getRoot().applyCss();
        scene.getRoot().layout();
    }

    private void press(Node node) {
        advanceClock.accept(TOUCH_EVERY);
        touches++;
        Bounds local = node.getLayoutBounds();
        Point2D center = new Point2D(local.getCenterX(), local.getCenterY());
        Point2D onScreen = node.localToScreen(center);
        double sx = onScreen == null ? 0 : onScreen.getX();
        double sy = onScreen == null ? 0 : onScreen.getY();
        for (var type : List.of(MouseEvent.MOUSE_PRESSED, MouseEvent.MOUSE_RELEASED, MouseEvent.MOUSE_CLICKED)) {
            Event.fireEvent(node, new MouseEvent(node, node, type, center.getX(), center.getY(), sx, sy,
                    MouseButton.PRIMARY, 1, false, false, false, false, type == MouseEvent.MOUSE_PRESSED, false,
                    false, true, false, true, null));
        }
    }
}
