package fr.relais.kiosk.ui;

import static fr.relais.kiosk.content.French.typo;

import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/** The one thing a booking asks: a first name (40 characters at most), or none when it is allowed. */
final class FirstNameStep {
    static final int MAX_LENGTH = 40;

    private FirstNameStep() {
    }

    /** @param onChosen receives the first name, or null for "sans nom" */
    static Node create(boolean optional, Consumer<String> onChosen) {
        TextField field = new TextField();
        field.setId("first-name");
        field.getStyleClass().add("search-field");
        field.setPromptText("Votre prénom");
        field.setAccessibleText("Votre prénom");
        field.setTextFormatter(new TextFormatter<String>(change ->
                change.getControlNewText().length() <= MAX_LENGTH ? change : null));
        Button next = Ui.primary("Continuer", "first-name-next", e -> {
            String name = field.getText().strip();
            if (!name.isEmpty()) {
                onChosen.accept(name);
            }
        });
        next.disableProperty().bind(field.textProperty().isEmpty());
        FlowPane buttons = Ui.buttonRow(next);
        if (optional) {
            buttons.getChildren().add(Ui.secondary("Sans nom", "no-name", e -> onChosen.accept(null)));
        }
        String question = optional ? "Votre prénom ? Ce n'est pas obligatoire." : "Votre prénom ?";
        VBox step = new VBox(Ui.label(typo(question), "lead"), field,
                Ui.label(typo("Seulement le prénom : ni nom, ni téléphone."), "privacy-note"), buttons);
        step.getStyleClass().add("step");
        return step;
    }
}
