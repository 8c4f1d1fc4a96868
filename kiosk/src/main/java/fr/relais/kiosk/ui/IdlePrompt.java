package fr.relais.kiosk.ui;

import static fr.relais.kiosk.content.French.typo;

import java.time.Duration;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** "Êtes-vous toujours là ?" over the screen, with the seconds left and a big "Je suis là". */
final class IdlePrompt {

    static final String QUESTION = typo("Êtes-vous toujours là ?");

    private final Label countdown = Ui.label("", "lead");
    private final StackPane layer;

    IdlePrompt(Runnable stillHere) {
        Label question = Ui.label(QUESTION, "dialog-title");
        question.setId("idle-question");
        countdown.setId("idle-countdown");
        Button here = Ui.primary("Je suis là", "idle-here", e -> stillHere.run());
        here.getStyleClass().add("huge-button");
        VBox dialog = new VBox(question, countdown, here);
        dialog.getStyleClass().add("dialog");
        dialog.setAlignment(Pos.CENTER);
        dialog.setMaxSize(javafx.scene.layout.Region.USE_PREF_SIZE, javafx.scene.layout.Region.USE_PREF_SIZE);
        layer = new StackPane(dialog);
        layer.setId("idle-prompt");
        layer.getStyleClass().add("overlay");
        layer.setVisible(false);
    }

    Node node() {
        return layer;
    }

    boolean showing() {
        return layer.isVisible();
    }

    void show(Duration remaining) {
        update(remaining);
        layer.setVisible(true);
    }

    void update(Duration remaining) {
        long seconds = Math.max(0, remaining.toSeconds());
        countdown.setText(typo("Sans réponse, tout ce que vous avez fait sera effacé dans " + seconds
                + (seconds > 1 ? " secondes." : " seconde.")));
    }

    void hide() {
        layer.setVisible(false);
    }

}
