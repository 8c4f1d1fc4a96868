package fr.relais.kiosk.ui;

import fr.relais.kiosk.config.KioskConfig;
import fr.relais.kiosk.content.InfoPages;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import javafx.scene.input.InputEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiosk's screens and its visitor session. Ending a session (button or inactivity) throws
 * the screens away and builds new ones, so nothing typed survives, not even in a text field's
 * undo history. Use on the JavaFX thread.
 */
public final class KioskUi {

    static final String END_SESSION_LABEL = "Terminer / Effacer ma session";
    /** How often inactivity is checked; the idle timeout itself comes from the configuration. */
    static final Duration IDLE_CHECK_PERIOD = Duration.seconds(1);
    private static final String STYLESHEET = "kiosk.css";
    private static final Logger LOG = LoggerFactory.getLogger(KioskUi.class);

    private final KioskConfig config;
    private final StackPane content = new StackPane();
    private final BorderPane root = new BorderPane(content);
    private final IdleWatch idleWatch;
    private final Timeline idleTicker;
    private Map<ScreenId, Node> screens;
    private volatile ScreenId current;

    public KioskUi(KioskConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.idleWatch = new IdleWatch(clock, config.idleTimeout(), () -> endSession("inactivity"));
        this.idleTicker = new Timeline(new KeyFrame(IDLE_CHECK_PERIOD, e -> idleWatch.tick()));
        idleTicker.setCycleCount(Animation.INDEFINITE);
        root.getStyleClass().add("kiosk");
        root.setTop(topBar());
        content.getStyleClass().add("content");
        screens = buildScreens();
        show(ScreenId.HOME);
    }

    /** A scene showing this kiosk, watching for input and checking inactivity from now on. */
    public Scene createScene(double width, double height) {
        Scene scene = new Scene(root, width, height);
        scene.getStylesheets().add(Objects.requireNonNull(KioskUi.class.getResource(STYLESHEET)).toExternalForm());
        scene.addEventFilter(InputEvent.ANY, e -> idleWatch.activity());
        DisplayScaler.bind(scene);
        idleTicker.play();
        return scene;
    }

    public void show(ScreenId screen) {
        content.getChildren().setAll(screens.get(screen));
        current = screen;
    }

    /** The screen shown; safe to read from any thread. */
    public ScreenId currentScreen() {
        return current;
    }

    /** Forgets everything the visitor did or typed and goes back home. */
    public void endSession() {
        endSession("visitor");
    }

    public void stop() {
        idleTicker.stop();
    }

    /** Runs the inactivity check now rather than at the next tick, so tests can be deterministic. */
    void checkIdle() {
        idleWatch.tick();
    }

    private void endSession(String reason) {
        // A visitor may have copied a number from the search field; the next one must not paste it.
        Clipboard.getSystemClipboard().clear();
        screens = buildScreens();
        show(ScreenId.HOME);
        LOG.info("Visitor session ended ({})", reason);
    }

    private Map<ScreenId, Node> buildScreens() {
        Navigator navigator = this::show;
        Map<ScreenId, Node> built = new EnumMap<>(ScreenId.class);
        built.put(ScreenId.HOME, HomeScreen.create(navigator));
        built.put(ScreenId.PROCEDURES, ProceduresScreen.create(navigator));
        built.put(ScreenId.COMPUTER, InfoScreen.create(InfoPages.computer(), navigator));
        built.put(ScreenId.PRINTING, InfoScreen.create(InfoPages.printing(), navigator));
        built.put(ScreenId.WORKSHOPS, InfoScreen.create(InfoPages.workshops(), navigator));
        built.put(ScreenId.VAN, InfoScreen.create(InfoPages.van(), navigator));
        built.forEach((id, node) -> node.setId(id.nodeId()));
        return built;
    }

    private HBox topBar() {
        Label site = new Label(config.site().name());
        site.setId("site-name");
        site.getStyleClass().add("site-name");
        site.setWrapText(true);
        site.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(site, Priority.ALWAYS);

        Button end = new Button(END_SESSION_LABEL, Icons.icon("close"));
        end.setId("end-session-button");
        end.getStyleClass().add("end-session-button");
        end.setAccessibleText("Terminer et effacer tout ce que vous avez écrit");
        end.setOnAction(e -> endSession());
        // The way out is never cut short; the site name wraps instead.
        end.setMinWidth(Region.USE_PREF_SIZE);

        HBox bar = new HBox(site, end);
        bar.getStyleClass().add("top-bar");
        return bar;
    }
}
