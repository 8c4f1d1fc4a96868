package fr.relais.kiosk.ui;

import fr.relais.kiosk.agent.KioskAgent;
import fr.relais.kiosk.config.KioskConfig;
import fr.relais.kiosk.content.InfoPages;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntConsumer;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import javafx.scene.input.InputEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
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
 * undo history; the text size and contrast go back to normal for the next visitor. Use on the
 * JavaFX thread.
 */
public final class KioskUi {

    static final String END_SESSION_LABEL = "Terminer / Effacer ma session";
    static final String HIGH_CONTRAST = "high-contrast";
    static final String LISTEN = "Écouter";
    static final String LISTEN_STOP = "Arrêter la lecture";
    static final String LISTEN_FAILED = "Pas de son";
    /** A press this long on the place's name opens the technician's gate. */
    static final java.time.Duration LONG_PRESS = java.time.Duration.ofSeconds(3);
    /** How often inactivity is checked; the idle timeout itself comes from the configuration. */
    static final Duration IDLE_CHECK_PERIOD = Duration.seconds(1);
    private static final String STYLESHEET = "kiosk.css";
    private static final Logger LOG = LoggerFactory.getLogger(KioskUi.class);

    private final KioskConfig config;
    private final Clock clock;
    private final KioskAgent agent;
    private final StackPane content = new StackPane();
    private final BorderPane frame = new BorderPane(content);
    private final StackPane root;
    private final IdleWatch idleWatch;
    private final IdlePrompt idlePrompt;
    private final TechnicianGate gate;
    private final Timeline idleTicker;
    private final ObjectProperty<TextSize> textSize = new SimpleObjectProperty<>(TextSize.NORMAL);
    private final Optional<ReadAloud> readAloud;
    private IntConsumer exit = code -> System.exit(code);
    private Map<ScreenId, Screen> screens;
    /** The session whose screens are shown: ended at the wipe, with what its screens still do. */
    private VisitorSession session;
    private volatile ScreenId current;
    private Instant pressedAt;

    public KioskUi(KioskConfig config, Clock clock) {
        this(config, clock, KioskAgent.none());
    }

    public KioskUi(KioskConfig config, Clock clock, KioskAgent agent) {
        this(config, clock, agent, ReadAloud.find(System.getenv("PATH")));
    }

    KioskUi(KioskConfig config, Clock clock, KioskAgent agent, Optional<ReadAloud> readAloud) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.agent = Objects.requireNonNull(agent, "agent");
        this.readAloud = readAloud;
        this.idlePrompt = new IdlePrompt(this::stillHere);
        this.idleWatch = new IdleWatch(clock, config.idleTimeout(), IdleWatch.warningFor(config.idleTimeout()),
                this::warnIdle, () -> endSession("inactivity"));
        this.idleTicker = new Timeline(new KeyFrame(IDLE_CHECK_PERIOD, e -> checkIdle()));
        idleTicker.setCycleCount(Animation.INDEFINITE);
        ScreenContext context = new ScreenContext(this::show, agent, clock, config);
        this.gate = new TechnicianGate(context, () -> show(ScreenId.MAINTENANCE), this::resumeCurrent);
        root = new StackPane(frame, idlePrompt.node(), gate.node());
        root.getStyleClass().add("kiosk");
        frame.setTop(new TopBar(config.site().name(), this).node());
        content.getStyleClass().add("content");
        screens = buildScreens();
        agent.state().addListener(this::refreshScreens);
        show(ScreenId.HOME);
    }

    /** A scene showing this kiosk, watching for input and checking inactivity from now on. */
    public Scene createScene(double width, double height) {
        Scene scene = new Scene(root, width, height);
        scene.getStylesheets().add(Objects.requireNonNull(KioskUi.class.getResource(STYLESHEET)).toExternalForm());
        scene.addEventFilter(InputEvent.ANY, e -> {
            if (isVisitorInput(e)) {
                idleWatch.activity();
                idlePrompt.hide();
            }
        });
        DisplayScaler.bind(scene);
        // The visitor's size applies to the screens, not to the bar above them: its buttons must stay
        // on one line whatever the size, or the way out would be pushed off the screen.
        content.styleProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> String.format(java.util.Locale.ROOT, "-fx-font-size: %.1fpx;",
                        DisplayScaler.fontSize(scene.getWidth(), scene.getHeight()) * textSize.get().factor()),
                scene.widthProperty(), scene.heightProperty(), textSize));
        // "Êtes-vous toujours là ?" speaks to the same visitor: in the size they chose. (The technician's
        // gate keeps the display's size.)
        idlePrompt.node().styleProperty().bind(content.styleProperty());
        idleTicker.play();
        agent.start();
        return scene;
    }

    /** The scene made by {@link #createScene}, or null before. */
    public Scene currentScene() {
        return root.getScene();
    }

    public void show(ScreenId screen) {
        if (current != null && current != screen) {
            screens.get(current).hidden();
            // The voice reads the screen that was there: it must not go on over another one.
            readAloud.ifPresent(ReadAloud::stop);
        }
        Screen shown = screens.get(screen);
        content.getChildren().setAll(shown.node());
        current = screen;
        shown.refresh();
        shown.shown();
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
        agent.stop();
        readAloud.ifPresent(ReadAloud::stop);
    }

    /** What "Redémarrer la borne" does; the launcher's default exits the process. */
    public void setExit(IntConsumer exit) {
        this.exit = Objects.requireNonNull(exit, "exit");
    }

    public void setTextSize(TextSize size) {
        textSize.set(size);
        content.getStyleClass().removeAll("text-large", "text-very-large");
        if (size != TextSize.NORMAL) {
            content.getStyleClass().add(size == TextSize.LARGE ? "text-large" : "text-very-large");
        }
    }

    /** The font size the screens get (the display's base times the visitor's choice), for tests. */
    String contentStyle() {
        return content.getStyle();
    }

    public TextSize textSize() {
        return textSize.get();
    }

    public void setHighContrast(boolean on) {
        root.getStyleClass().remove(HIGH_CONTRAST);
        if (on) {
            root.getStyleClass().add(HIGH_CONTRAST);
        }
    }

    public boolean highContrast() {
        return root.getStyleClass().contains(HIGH_CONTRAST);
    }

    KioskAgent agent() {
        return agent;
    }

    boolean canReadAloud() {
        return readAloud.isPresent();
    }

    void readAloud() {
        readAloud.ifPresent(reader -> reader.toggle(screens.get(current).node()));
    }

    /** Runs the inactivity check now rather than at the next tick, so tests and KioskStates are deterministic. */
    public void checkIdle() {
        idleWatch.tick();
        if (idlePrompt.showing()) {
            idlePrompt.update(idleWatch.remaining());
        }
    }

    boolean idlePromptShowing() {
        return idlePrompt.showing();
    }

    /** Press and release on the place's name: a long press opens the technician's gate. */
    void siteNamePressed(MouseEvent event) {
        if (event.getEventType() == MouseEvent.MOUSE_PRESSED) {
            pressedAt = clock.instant();
        } else if (event.getEventType() == MouseEvent.MOUSE_RELEASED && pressedAt != null) {
            boolean longPress = !clock.instant().isBefore(pressedAt.plus(LONG_PRESS));
            pressedAt = null;
            if (longPress) {
                gate.open();
            }
        }
    }

    /**
     * The pointer entering or leaving a node is no sign of a visitor: JavaFX sends those when an
     * overlay appears under a still pointer, which would otherwise dismiss "Êtes-vous toujours là ?"
     * by itself and postpone the wipe for ever.
     */
    static boolean isVisitorInput(InputEvent event) {
        var type = event.getEventType();
        return type != MouseEvent.MOUSE_ENTERED && type != MouseEvent.MOUSE_EXITED
                && type != MouseEvent.MOUSE_ENTERED_TARGET && type != MouseEvent.MOUSE_EXITED_TARGET;
    }

    private void warnIdle() {
        idlePrompt.show(idleWatch.remaining());
    }

    private void stillHere() {
        idleWatch.activity();
        idlePrompt.hide();
    }

    private void resumeCurrent() {
        if (current != null) {
            screens.get(current).shown();
        }
    }

    private void refreshScreens() {
        screens.values().forEach(Screen::refresh);
    }

    void endSession(String reason) {
        // A visitor may have copied a number from the search field; the next one must not paste it.
        Clipboard.getSystemClipboard().clear();
        if (current != null) {
            screens.get(current).hidden();
        }
        gate.close();
        idlePrompt.hide();
        readAloud.ifPresent(ReadAloud::reset);
        current = null;
        session.end();
        screens = buildScreens();
        setTextSize(TextSize.NORMAL);
        setHighContrast(false);
        show(ScreenId.HOME);
        LOG.info("Visitor session ended ({})", reason);
    }

    private Map<ScreenId, Screen> buildScreens() {
        session = new VisitorSession();
        ScreenContext ctx = new ScreenContext(this::show, agent, clock, config, session);
        Navigator navigator = ctx.navigator();
        Map<ScreenId, Screen> built = new EnumMap<>(ScreenId.class);
        built.put(ScreenId.HOME, HomeScreen.create(ctx));
        built.put(ScreenId.PROCEDURES, Screen.of(ProceduresScreen.create(navigator)));
        built.put(ScreenId.COMPUTER, DevicesScreen.create(ctx, InfoPages.computer(), DevicesScreen.Kind.COMPUTERS));
        built.put(ScreenId.PRINTING, DevicesScreen.create(ctx, InfoPages.printing(), DevicesScreen.Kind.PRINTING));
        built.put(ScreenId.WORKSHOPS, WorkshopsScreen.create(ctx));
        built.put(ScreenId.VAN, VanScreen.create(ctx));
        built.put(ScreenId.HELP, HelpScreen.create(ctx));
        built.put(ScreenId.CANCEL, CancelScreen.create(ctx));
        built.put(ScreenId.CALLING, CallingScreen.create(ctx));
        built.put(ScreenId.COWORKING, CoworkingScreen.create(ctx));
        built.put(ScreenId.MAINTENANCE, MaintenanceScreen.create(ctx, () -> exit.accept(MaintenanceScreen.EXIT_RESTART),
                () -> endSession("maintenance left")));
        built.forEach((id, screen) -> screen.node().setId(id.nodeId()));
        return built;
    }

    /** The bar above every screen: where am I, text size, contrast, read aloud, and how do I leave. */
    private static final class TopBar {
        private final HBox bar;

        TopBar(String siteName, KioskUi ui) {
            Label site = new Label(siteName);
            site.setId("site-name");
            site.getStyleClass().add("site-name");
            site.setWrapText(true);
            site.setMaxWidth(Double.MAX_VALUE);
            site.addEventHandler(MouseEvent.MOUSE_PRESSED, ui::siteNamePressed);
            site.addEventHandler(MouseEvent.MOUSE_RELEASED, ui::siteNamePressed);

            Button size = barButton("Texte : normal", "text-size-button", "Changer la taille du texte");
            size.setOnAction(e -> ui.setTextSize(ui.textSize().next()));
            size.setMinWidth(Region.USE_PREF_SIZE);
            ui.textSize.addListener((obs, old, now) -> size.setText("Texte : " + now.label()));
            Button contrast = barButton("Contraste", "contrast-button", "Contraste renforcé, noir et blanc");
            contrast.setOnAction(e -> ui.setHighContrast(!ui.highContrast()));
            Button listen = barButton(LISTEN, "read-aloud-button", "Lire l'écran à voix haute");
            listen.setOnAction(e -> ui.readAloud());
            listen.setVisible(ui.canReadAloud());
            ui.readAloud.ifPresent(reader -> reader.status().addListener((obs, old, now) -> listenLabel(listen, now)));
            listen.managedProperty().bind(listen.visibleProperty());

            Button end = new Button(END_SESSION_LABEL, Icons.icon("close"));
            end.setId("end-session-button");
            end.getStyleClass().add("end-session-button");
            end.setAccessibleText("Terminer et effacer tout ce que vous avez écrit");
            end.setOnAction(e -> ui.endSession());
            // The way out is never cut short; the site name wraps instead.
            end.setMinWidth(Region.USE_PREF_SIZE);

            // The accessibility buttons beside the place's name when both fit, else under it; the way out on
            // the right. Squeezed beside them, a long name on a 7-inch display became a column one syllable
            // wide, taller than the bar.
            HBox settings = new HBox(size, contrast, listen);
            settings.getStyleClass().add("bar-settings");
            FlowPane left = new FlowPane(site, settings);
            left.getStyleClass().add("bar-left");
            site.maxWidthProperty().bind(left.widthProperty());
            HBox.setHgrow(left, Priority.ALWAYS);
            bar = new HBox(left, end);
            bar.getStyleClass().add("top-bar");
        }

        /** What the button offers now; after a failure it says so in plain words, and pressing tries again. */
        static void listenLabel(Button listen, ReadAloud.Status status) {
            switch (status) {
                case READING -> {
                    listen.setText(LISTEN_STOP);
                    listen.setAccessibleText("Arrêter la lecture à voix haute");
                }
                case FAILED -> {
                    listen.setText(LISTEN_FAILED);
                    listen.setAccessibleText("La lecture à voix haute ne marche pas : demandez à l'accueil");
                }
                default -> {
                    listen.setText(LISTEN);
                    listen.setAccessibleText("Lire l'écran à voix haute");
                }
            }
        }

        private static Button barButton(String text, String id, String accessible) {
            Button button = new Button(text);
            button.setId(id);
            button.getStyleClass().add("bar-button");
            button.setAccessibleText(accessible);
            button.setMinWidth(Region.USE_PREF_SIZE);
            return button;
        }

        Node node() {
            return bar;
        }
    }
}
