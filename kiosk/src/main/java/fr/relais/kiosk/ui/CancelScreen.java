package fr.relais.kiosk.ui;

import static fr.relais.kiosk.content.French.typo;

import fr.relais.protocol.content.KioskActions;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Cancelling a workshop registration or an appointment with the code given when it was made: the
 * code on a keyboard of its own signs only, then what it is for, then confirm (three touches after
 * the code). The hub answers ("Inscription annulée", "Code inconnu") through the agent.
 *
 * <p>The code is typed into a text field, which the read-aloud never reads, and is forgotten when
 * the visitor leaves this screen or the session ends (the screens are then built anew).
 */
final class CancelScreen implements Screen {

    static final String TITLE = "Annuler une inscription ou un rendez-vous";
    static final String NO_AGENT = typo("Cette borne ne peut pas annuler. Donnez votre code à l'accueil : "
            + "on annulera pour vous.");

    /** The two things a code may cancel: the action sent, and how the screen names them. */
    enum Kind {
        WORKSHOP(KioskActions.WORKSHOP_CANCEL, "Une inscription à un atelier", "Annuler votre inscription à l'atelier ?",
                "Oui, annuler l'inscription"),
        APPOINTMENT(KioskActions.APPOINTMENT_CANCEL, "Un rendez-vous avec un médiateur",
                "Annuler votre rendez-vous ?", "Oui, annuler le rendez-vous");

        final String action;
        final String choice;
        final String question;
        final String confirm;

        Kind(String action, String choice, String question, String confirm) {
            this.action = action;
            this.choice = choice;
            this.question = question;
            this.confirm = confirm;
        }
    }

    private enum Step { UNAVAILABLE, CODE, KIND, CONFIRM }

    private final ScreenContext ctx;
    private final VBox body = new VBox();
    private final Node node;
    private final TextField field = new TextField();
    private final Label problem = Ui.label("", "code-problem");
    private Step step;
    /** Whether the code could be sent when the screen was last drawn: redrawn only when that changes. */
    private boolean couldSend;

    private CancelScreen(ScreenContext ctx) {
        this.ctx = ctx;
        body.getStyleClass().add("card-list");
        body.setId("cancel-body");
        problem.setId("code-problem");
        // No empty line between the code and its buttons while there is nothing to say.
        problem.managedProperty().bind(problem.textProperty().isNotEmpty());
        problem.visibleProperty().bind(problem.managedProperty());
        field.setId("cancel-code");
        field.getStyleClass().addAll("search-field", "code-field");
        field.setAccessibleText("Votre code, 6 signes");
        field.setPrefColumnCount(CancelCode.LENGTH + 1);
        field.setMaxWidth(Region.USE_PREF_SIZE);
        field.setTextFormatter(new TextFormatter<String>(this::filter));
        VBox screen = new VBox(ScreenHeader.create(TITLE, ctx.navigator()), Ui.scroll(body));
        screen.getStyleClass().addAll("screen", "cancel-screen");
        this.node = screen;
        start();
    }

    static Screen create(ScreenContext ctx) {
        return new CancelScreen(ctx);
    }

    @Override
    public Node node() {
        return node;
    }

    @Override
    public void refresh() {
        // Only before anything was typed: the link coming back or going must not pull the keyboard
        // from under a finger; a code sent while offline gets the offline sentence anyway.
        boolean nothingTyped = step == Step.UNAVAILABLE || step == Step.CODE && field.getText().isEmpty();
        if (nothingTyped && canSend() != couldSend) {
            start();
        }
    }

    @Override
    public void hidden() {
        // The next visitor must not find this one's code by coming back here.
        start();
    }

    private boolean canSend() {
        return ctx.agent().configured() && ctx.state().linkUp();
    }

    private void start() {
        field.setEditable(true);
        field.clear();
        problem.setText("");
        couldSend = canSend();
        if (!ctx.agent().configured()) {
            unavailable(NO_AGENT);
        } else if (!ctx.state().linkUp()) {
            unavailable(Ui.CANCEL_OFFLINE);
        } else {
            typeCode();
        }
    }

    private void unavailable(String sentence) {
        step = Step.UNAVAILABLE;
        Label said = Ui.label(sentence, "action-message");
        said.setId(ctx.agent().configured() ? "action-offline" : "action-refused");
        body.getChildren().setAll(said);
    }

    private void typeCode() {
        step = Step.CODE;
        field.setEditable(true);
        Button next = Ui.primary("Continuer", "cancel-next", e -> checkCode());
        Button back = Ui.secondary("Effacer", "key-back", e -> eraseLast());
        Button clear = Ui.secondary("Tout effacer", "key-clear", e -> {
            field.clear();
            problem.setText("");
        });
        // The code beside its buttons, the keyboard under them: on a 7-inch display all of it fits at once.
        FlowPane row = Ui.buttonRow(next, back, clear);
        row.getChildren().add(0, field);
        body.getChildren().setAll(Ui.label(typo("Tapez le code reçu à l'inscription ou au rendez-vous (6\u00a0signes)."),
                "lead"), row, problem, keyboard());
    }

    /** One key per sign of the codes, in alphabetical order (easier to find than a computer's keyboard). */
    private Node keyboard() {
        FlowPane keys = new FlowPane();
        keys.setId("code-keyboard");
        // The letters are not read aloud one by one: the sentence above says what to do.
        keys.getStyleClass().addAll("code-keyboard", ReadAloud.SKIP);
        for (char sign : CancelCode.ALPHABET.toCharArray()) {
            String text = String.valueOf(sign);
            Button key = Ui.button(text, "key-" + text, "code-key", e -> {
                field.appendText(text);
                field.end();
            });
            key.setAccessibleText(CancelCode.spoken(sign));
            key.setMinWidth(Region.USE_PREF_SIZE);
            keys.getChildren().add(key);
        }
        return keys;
    }

    private void eraseLast() {
        int length = field.getLength();
        if (length > 0) {
            field.deleteText(length - 1, length);
        }
        problem.setText("");
    }

    /** Every change of the field, typed on the screen's keys or on a real keyboard, or pasted. */
    private TextFormatter.Change filter(TextFormatter.Change change) {
        if (!change.isContentChange()) {
            return change;
        }
        CancelCode.Typed typed = CancelCode.typed(change.getText());
        if (typed.problem() != null) {
            problem.setText(typed.problem());
            return null;
        }
        change.setText(typed.signs());
        int caret = change.getRangeStart() + typed.signs().length();
        change.selectRange(caret, caret);
        if (change.getControlNewText().length() > CancelCode.LENGTH) {
            problem.setText(CancelCode.TOO_LONG);
            return null;
        }
        problem.setText("");
        return change;
    }

    private void checkCode() {
        String incomplete = CancelCode.incomplete(field.getText());
        if (incomplete != null) {
            problem.setText(incomplete);
            return;
        }
        chooseKind();
    }

    private void chooseKind() {
        step = Step.KIND;
        field.setEditable(false);
        FlowPane choices = new FlowPane();
        choices.getStyleClass().add("choice-grid");
        for (Kind kind : Kind.values()) {
            choices.getChildren().add(Ui.button(kind.choice, "cancel-" + kind.name().toLowerCase(java.util.Locale.ROOT),
                    "choice-button", e -> confirm(kind)));
        }
        body.getChildren().setAll(Ui.label(typo("Ce code, c'est pour quoi ?"), "section-title"), field, choices,
                Ui.buttonRow(correct()));
    }

    private void confirm(Kind kind) {
        step = Step.CONFIRM;
        String code = field.getText();
        VBox result = new VBox();
        result.setId("action-result");
        result.getStyleClass().add("action-result");
        Button yes = Ui.primary(kind.confirm, "confirm", null);
        Button correct = correct();
        yes.setOnAction(e -> {
            yes.setDisable(true);
            PendingAction.send(ctx, kind.action, Map.of("code", code), Ui.CANCEL_OFFLINE, result, done -> { });
        });
        body.getChildren().setAll(Ui.label(typo(kind.question), "section-title"), field, Ui.buttonRow(yes, correct),
                result);
    }

    /** Back to the keyboard with the code kept: a "Code inconnu" is most often one sign mistyped. */
    private Button correct() {
        return Ui.secondary("Corriger le code", "cancel-correct", e -> typeCode());
    }
}
