package fr.relais.kiosk.ui;

import static fr.relais.kiosk.content.French.typo;

import fr.relais.kiosk.agent.AgentState;
import fr.relais.kiosk.content.Times;
import java.time.Instant;
import javafx.event.ActionEvent;
import javafx.event.EventHandler;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Small builders shared by the screens, so they all look and speak alike. */
final class Ui {

    static final String NOT_AVAILABLE = typo("Cette information n'est pas disponible sur cette borne. "
            + "Demandez à l'accueil.");
    static final String NOT_YET = typo("Les informations arrivent. Si cela dure, demandez à l'accueil.");
    static final String OFFLINE_PREFIX = typo("La connexion est coupée : voici les dernières informations reçues.");
    static final String BOOKING_OFFLINE = "La réservation sera possible quand la connexion reviendra.";
    static final String CANCEL_OFFLINE = typo("L'annulation sera possible quand la connexion reviendra. "
            + "Vous pouvez aussi donner votre code à l'accueil.");
    static final String REGISTER_OFFLINE = "L'inscription sera possible quand la connexion reviendra.";
    static final String AGENT_SILENT = typo("La borne ne peut pas le faire pour le moment : demandez à l'accueil.");
    static final String NO_INFO = typo("Les informations ne sont pas arrivées sur cette borne : demandez à l'accueil.");

    private Ui() {
    }

    static Label label(String text, String... styleClasses) {
        Label label = new Label(text);
        label.getStyleClass().addAll(styleClasses);
        label.setWrapText(true);
        label.setMaxWidth(Double.MAX_VALUE);
        label.setMinHeight(Region.USE_PREF_SIZE);
        return label;
    }

    static Button button(String text, String id, String styleClass, EventHandler<ActionEvent> action) {
        Button button = new Button(text);
        button.setId(id);
        button.getStyleClass().add(styleClass);
        button.setWrapText(true);
        button.setMinHeight(Region.USE_PREF_SIZE);
        button.setOnAction(action);
        return button;
    }

    static Button primary(String text, String id, EventHandler<ActionEvent> action) {
        return button(text, id, "primary-button", action);
    }

    static Button secondary(String text, String id, EventHandler<ActionEvent> action) {
        return button(text, id, "secondary-button", action);
    }

    /**
     * A row of buttons that goes on to a second line when the words do not fit side by side (large text,
     * 7-inch display), rather than squeezing the buttons until their words end in "…".
     */
    static FlowPane buttonRow(Button... buttons) {
        FlowPane row = new FlowPane();
        row.getStyleClass().add("button-row");
        for (Button button : buttons) {
            button.setMinWidth(Region.USE_PREF_SIZE);
            row.getChildren().add(button);
        }
        return row;
    }

    static ScrollPane scroll(Node content) {
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setPannable(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        return scroll;
    }

    /**
     * How fresh what the screen shows is: "Mis à jour à 14 h 05", the offline sentence before it,
     * or why there is nothing. Null when there is content and nothing to say.
     */
    static String freshness(AgentState state, Instant now) {
        if (!state.configured()) {
            return NOT_AVAILABLE;
        }
        if (state.content() == null) {
            // Before the first answer the agent may simply be starting.
            return state.reachable() || state.lastAnswer() == null ? NOT_YET : NO_INFO;
        }
        String updated = state.refreshedAt() == null ? "" : Times.updated(state.refreshedAt(), now) + ".";
        // An agent that no longer answers (stopped, crashed) cuts the kiosk off as surely as a hub out of reach.
        return state.linkUp() && state.reachable() ? updated : (OFFLINE_PREFIX + " " + updated).strip();
    }

    /** The freshness line of a screen, updated by {@link #refreshFreshness}. */
    static Label freshnessLabel() {
        Label label = label("", "freshness");
        label.setId("freshness");
        return label;
    }

    static void refreshFreshness(Label label, ScreenContext ctx) {
        String text = freshness(ctx.state(), ctx.clock().instant());
        label.setText(text == null ? "" : text);
        boolean problem = ctx.state().content() == null || !ctx.state().linkUp() || !ctx.state().reachable();
        label.getStyleClass().remove("freshness-problem");
        if (problem) {
            label.getStyleClass().add("freshness-problem");
        }
    }
}
