package fr.relais.kiosk.shots;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.relais.kiosk.agent.AgentClient;
import fr.relais.kiosk.agent.AgentException;
import fr.relais.kiosk.agent.AgentReplies;
import fr.relais.kiosk.agent.KioskAgent;
import fr.relais.kiosk.content.Times;
import fr.relais.kiosk.sample.SampleContent;
import fr.relais.kiosk.ui.KioskUi;
import fr.relais.kiosk.ui.ScreenId;
import fr.relais.protocol.content.KioskActions;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;

/**
 * The states a visitor (or a technician) reaches past a screen's first look: the ticket just taken, the
 * slot list, the first-name step, the confirmation, an action pending or its code, the coworking screen
 * after a badge, the technician's badge and PIN, "Êtes-vous toujours là ?". Each is reached the way a
 * visitor would, by pressing the screens' own buttons, on a kiosk whose agent answers from a script
 * ({@link KioskAgent#scripted}). Both --screenshots and the accessibility test draw them, so what a
 * reviewer looks at is what the test checks. Use on the JavaFX thread.
 */
public final class KioskStates {

    /** A state: its file name part, the kind of place (index in {@link Screenshots#KINDS}) that shows it. */
    public record State(String name, int kind) {
    }

    public static final List<State> ALL = List.of(
            new State("help-ticket", 0),
            new State("help-slots", 0),
            new State("help-first-name", 0),
            new State("help-confirm", 0),
            new State("help-code", 0),
            new State("workshops-first-name", 0),
            new State("workshops-pending", 0),
            new State("coworking-badged", 1),
            new State("technician-badge", 0),
            new State("technician-pin", 0),
            new State("idle-prompt", 0));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId PARIS = Times.PARIS;

    private KioskStates() {
    }

    /**
     * A Tuesday morning at 10:00 (Paris) in {@code now}'s week or the next one, so a ticket can be taken
     * and slots lie ahead whenever the pictures are drawn (not on Christmas day, closed in the sample).
     */
    public static Instant openMorning(Instant now) {
        var day = now.atZone(PARIS).toLocalDate().with(TemporalAdjusters.nextOrSame(DayOfWeek.TUESDAY));
        if (day.getMonthValue() == 12 && day.getDayOfMonth() == 25) {
            day = day.plusWeeks(1);
        }
        return day.atTime(LocalTime.of(10, 0)).atZone(PARIS).toInstant();
    }

    /** A kiosk of the state's kind with a scripted agent, showing home; {@link #reach} once it is on a scene. */
    public static Staged stage(State state, Instant now) {
        Instant at = openMorning(now);
        MovableClock clock = new MovableClock(at);
        String kind = Screenshots.KINDS[state.kind()];
        KioskAgent agent = KioskAgent.scripted(SampleContent.forKind(kind, at), SampleContent.devices(),
                at.minusSeconds(125), new AgentClient(KioskStates::answer));
        KioskUi ui = new KioskUi(Screenshots.config(state.kind()), clock, agent);
        return new Staged(state, ui, agent, clock);
    }

    /** A kiosk being brought to a state. */
    public static final class Staged {
        private final State state;
        private final KioskUi ui;
        private final KioskAgent agent;
        private final MovableClock clock;

        Staged(State state, KioskUi ui, KioskAgent agent, MovableClock clock) {
            this.state = state;
            this.ui = ui;
            this.agent = agent;
            this.clock = clock;
        }

        public KioskUi ui() {
            return ui;
        }

        /** Presses its way to the state on {@code scene} (made by the kiosk's createScene), laid out. */
        public void reach(Scene scene) {
            switch (state.name()) {
                case "help-ticket" -> {
                    helpTopic(scene);
                    press(scene, "#take-ticket");
                }
                case "help-slots" -> slots(scene);
                case "help-first-name" -> firstSlot(scene);
                case "help-confirm" -> {
                    firstSlot(scene);
                    name(scene, "Marie-Thérèse");
                }
                case "help-code" -> {
                    firstSlot(scene);
                    name(scene, "Marie-Thérèse");
                    press(scene, "#confirm");
                }
                case "workshops-first-name" -> register(scene);
                case "workshops-pending" -> {
                    register(scene);
                    press(scene, "#no-name");
                    press(scene, "#confirm");
                }
                case "coworking-badged" -> {
                    ui.show(ScreenId.COWORKING);
                    press(scene, "#dir-entry");
                    agent.badgeRead(new AgentReplies.BadgeRead(1, "read-coworker", clock.instant()));
                }
                case "technician-badge" -> longPressOnTheName(scene);
                case "technician-pin" -> {
                    longPressOnTheName(scene);
                    agent.badgeRead(new AgentReplies.BadgeRead(1, "read-technician", clock.instant()));
                    Screenshots.settle(scene);
                    press(scene, "#pin-4");
                    press(scene, "#pin-2");
                }
                case "idle-prompt" -> {
                    ui.show(ScreenId.PROCEDURES);
                    scene.getRoot().fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.A, false, false,
                            false, false));
                    // The default two minutes' timeout: the question comes 30 s before the wipe.
                    clock.advance(Duration.ofSeconds(90));
                    ui.checkIdle();
                }
                default -> throw new IllegalArgumentException("unknown state " + state.name());
            }
            Screenshots.settle(scene);
        }

        private void helpTopic(Scene scene) {
            ui.show(ScreenId.HELP);
            press(scene, "#topic-caf");
        }

        private void slots(Scene scene) {
            helpTopic(scene);
            press(scene, "#book-appointment");
        }

        private void firstSlot(Scene scene) {
            slots(scene);
            Screenshots.settle(scene);
            Node slot = scene.getRoot().lookupAll(".choice-button").stream()
                    .filter(n -> n.getId() != null && n.getId().startsWith("slot-")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no slot to choose"));
            ((Button) slot).fire();
        }

        private void name(Scene scene, String firstName) {
            Screenshots.settle(scene);
            ((TextField) find(scene, "#first-name")).setText(firstName);
            press(scene, "#first-name-next");
        }

        private void register(Scene scene) {
            ui.show(ScreenId.WORKSHOPS);
            Screenshots.settle(scene);
            Node register = scene.getRoot().lookupAll(".button").stream()
                    .filter(n -> n.getId() != null && n.getId().startsWith("register-")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no workshop to register for"));
            ((Button) register).fire();
        }

        /** Three seconds on the place's name: how a technician opens the gate. */
        private void longPressOnTheName(Scene scene) {
            Node name = find(scene, "#site-name");
            Event.fireEvent(name, mouse(MouseEvent.MOUSE_PRESSED));
            clock.advance(Duration.ofSeconds(3));
            Event.fireEvent(name, mouse(MouseEvent.MOUSE_RELEASED));
        }
    }

    private static MouseEvent mouse(javafx.event.EventType<MouseEvent> type) {
        return new MouseEvent(type, 10, 10, 10, 10, MouseButton.PRIMARY, 1, false, false, false, false, true, false,
                false, false, false, false, null);
    }

    private static void press(Scene scene, String id) {
        Screenshots.settle(scene);
        ((Button) find(scene, id)).fire();
    }

    private static Node find(Scene scene, String id) {
        Node node = scene.lookup(id);
        if (node == null) {
            throw new IllegalStateException("nothing shows " + id);
        }
        return node;
    }

    /**
     * What an agent answers in these states: a ticket with two people ahead, an appointment booked with
     * its code, a registration still waiting for the hub (when sent), a coworker's arrival, a technician's PIN.
     */
    static JsonNode answer(String method, String path, JsonNode body) throws AgentException {
        if (path.equals("/kiosk/v1/tickets")) {
            String topic = body.path("topic").asText("autre");
            return JSON.createObjectNode().put("ticket", "t-12").put("number", 12)
                    .put("label", KioskActions.ticketLetter(topic) + "12").put("topic", topic).put("ahead", 2)
                    .put("estimatedWaitMinutes", 20).put("printed", false);
        }
        if (path.equals("/kiosk/v1/actions")) {
            String type = body.path("type").asText();
            return switch (type) {
                case KioskActions.APPOINTMENT_BOOK -> JSON.createObjectNode().put("action", "a-1").put("state", "done")
                        .put("code", "K7WX3").put("message", "Rendez-vous réservé");
                case KioskActions.COWORKING_CHECKIN -> JSON.createObjectNode().put("action", "a-2")
                        .put("state", "done").put("member", "m-1");
                default -> JSON.createObjectNode().put("action", "a-3").put("state", "pending");
            };
        }
        if (path.startsWith("/kiosk/v1/actions/")) {
            // The follow-up a second later (the picture is taken before): the hub's answer, so the screen's
            // timer stops there instead of asking for five minutes after the picture.
            return JSON.createObjectNode().put("action", path.substring(path.lastIndexOf('/') + 1))
                    .put("state", "done").put("message", "Inscrit n° 4");
        }
        if (path.equals("/kiosk/v1/maintenance")) {
            return JSON.createObjectNode().put("ok", true);
        }
        throw new AgentException("not in the script: " + method + " " + path, 404);
    }

    /** The kiosk's time, moved by hand: a long press lasts 3 s, inactivity 90 s. */
    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(now, zone);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
