package fr.relais.kiosk.ui;

import static fr.relais.kiosk.content.French.typo;

import fr.relais.kiosk.agent.AgentReplies;
import fr.relais.protocol.content.KioskActions;
import java.util.Map;
import java.util.function.Consumer;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * A kiosk action that needs the hub (register, book): sent to the agent, then followed once a
 * second until the hub's answer comes back in the content. The visitor sees "en attente" meanwhile,
 * then the code, or the hub's refusal, or the plain offline sentence.
 */
final class PendingAction {

    static final String PENDING = typo("Demande envoyée. La réponse arrive : patientez quelques secondes.");
    static final String DONE = "C'est fait.";
    static final String LOST = typo("Votre demande a été perdue par la borne : recommencez, s'il vous plaît.");
    /** Five minutes: past that the hub will answer after the visitor left; the desk can tell. */
    private static final int MAX_CHECKS = 300;

    /** Their answer's code is the cancelled one, not a new code to keep. */
    private static final java.util.Set<String> CANCELS = java.util.Set.of(KioskActions.WORKSHOP_CANCEL,
            KioskActions.APPOINTMENT_CANCEL);

    private final ScreenContext ctx;
    private final VBox result;
    private final String offline;
    private final Consumer<AgentReplies.Action> onDone;
    private String type;
    private Timeline follow;
    private int checks;

    private PendingAction(ScreenContext ctx, VBox result, String offline, Consumer<AgentReplies.Action> onDone) {
        this.ctx = ctx;
        this.result = result;
        this.offline = offline;
        this.onDone = onDone;
    }

    /**
     * Sends {@code type} with {@code fields}; what happens is shown in {@code result}.
     * {@code onDone} runs once the hub accepted (e.g. to refresh a seat count).
     */
    static void send(ScreenContext ctx, String type, Map<String, ?> fields, String offlineSentence, VBox result,
                     Consumer<AgentReplies.Action> onDone) {
        new PendingAction(ctx, result, offlineSentence, onDone).start(type, fields);
    }

    private void start(String type, Map<String, ?> fields) {
        this.type = type;
        if (!ctx.agent().configured()) {
            show(Ui.NOT_AVAILABLE, "action-refused");
            return;
        }
        if (!ctx.state().linkUp()) {
            show(offline, "action-offline");
            return;
        }
        show(PENDING, "action-pending");
        ctx.agent().call(client -> client.act(type, fields), this::answered, failure -> show(Ui.AGENT_SILENT,
                "action-refused"));
    }

    private void answered(AgentReplies.Action action) {
        switch (action.state()) {
            case "offline" -> show(offline, "action-offline");
            case "pending" -> followUp(action.action());
            default -> finished(action);
        }
    }

    private void followUp(String id) {
        if (ctx.session().ended()) {
            return; // answered as the session was wiped: nobody is left to tell
        }
        follow = new Timeline(new KeyFrame(Duration.seconds(1), e -> {
            if (++checks > MAX_CHECKS) {
                follow.stop();
                show(typo("Pas de réponse pour le moment : demandez à l'accueil."), "action-refused");
                return;
            }
            ctx.agent().call(client -> client.action(id), state -> {
                if (state.finished()) {
                    follow.stop();
                    finished(state);
                }
            }, failure -> { });
        }));
        follow.setCycleCount(Animation.INDEFINITE);
        // The visitor who asked is gone at the wipe: their answer must not be followed for minutes
        // more (nor kept, with the screen it belongs to, for the next visitor's session).
        ctx.session().atEnd(follow::stop);
        follow.play();
    }

    private void finished(AgentReplies.Action action) {
        if (AgentReplies.Action.LOST.equals(action.state())) {
            // The agent forgot it (its database was wiped): waiting longer would spin for nothing.
            show(LOST, "action-lost");
        } else if ("done".equals(action.state())) {
            result.getChildren().clear();
            result.getChildren().add(Ui.label(DONE, "action-done"));
            if (action.message() != null && !action.message().isBlank()) {
                // What the hub says of it ("Inscrit n° 4" for a registration without a name).
                Label said = Ui.label(typo(action.message()), "lead");
                said.setId("action-message");
                result.getChildren().add(said);
            }
            // A cancellation's answer carries the code just typed: nothing to keep, it is no longer valid.
            if (action.code() != null && !CANCELS.contains(type)) {
                Label intro = Ui.label("Votre code, à noter ou à photographier :", "lead");
                Label code = Ui.label(action.code(), "big-code");
                code.setId("action-code");
                result.getChildren().addAll(intro, code);
            }
            onDone.accept(action);
        } else {
            show(action.message() != null ? action.message() : "Ce n'est pas possible : demandez à l'accueil.",
                    "action-refused");
        }
    }

    private void show(String text, String id) {
        result.getChildren().clear();
        Label label = Ui.label(text, "action-message");
        label.setId(id);
        result.getChildren().add(label);
    }
}
