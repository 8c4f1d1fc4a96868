package fr.relais.kiosk.ui;

import fr.relais.kiosk.agent.AgentReplies;
import fr.relais.kiosk.agent.AgentState;
import fr.relais.kiosk.content.Times;
import java.time.Instant;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/**
 * For technicians, after badge and PIN: the agent link, the devices as the agent sees them, the
 * last refresh, and the two ways on: restart the kiosk (its unit starts it again) or go back to
 * visitors.
 */
final class MaintenanceScreen implements Screen {

    static final String TITLE = "Maintenance de la borne";
    /** The kiosk asks its unit for a restart by exiting with this code ({@code Restart=always}). */
    static final int EXIT_RESTART = 10;

    private final ScreenContext ctx;
    private final VBox facts = new VBox();
    private final Node node;

    private MaintenanceScreen(ScreenContext ctx, Runnable restart, Runnable leave) {
        this.ctx = ctx;
        facts.setId("maintenance-facts");
        facts.getStyleClass().add("card-list");
        FlowPane buttons = Ui.buttonRow(Ui.primary("Redémarrer la borne", "restart-kiosk", e -> restart.run()),
                Ui.secondary("Quitter la maintenance", "leave-maintenance", e -> leave.run()));
        VBox screen = new VBox(Ui.label(TITLE, "screen-title"), buttons, Ui.scroll(facts));
        screen.getStyleClass().addAll("screen", "maintenance-screen");
        this.node = screen;
        refresh();
    }

    static Screen create(ScreenContext ctx, Runnable restart, Runnable leave) {
        return new MaintenanceScreen(ctx, restart, leave);
    }

    @Override
    public Node node() {
        return node;
    }

    @Override
    public void refresh() {
        AgentState state = ctx.state();
        facts.getChildren().clear();
        if (!ctx.agent().configured()) {
            facts.getChildren().add(fact("Agent : aucun (pas de --agent-link ni agent.linkFile)"));
            return;
        }
        var client = ctx.agent().client();
        if (client != null) {
            facts.getChildren().add(fact("Fichier de liaison : " + client.linkFile()));
            facts.getChildren().add(fact("Agent : " + (client.url() == null ? "jamais joint" : client.url())
                    + (state.reachable() ? " (répond)" : " (ne répond pas)")));
        }
        facts.getChildren().add(fact("Liaison avec le hub : " + (state.linkUp() ? "établie" : "coupée")));
        facts.getChildren().add(fact("Contenu : " + (state.content() == null ? "aucun"
                : "version " + state.content().version() + (state.content().example() ? " (exemple)" : ""))));
        facts.getChildren().add(fact("Dernière mise à jour du contenu : " + when(state.refreshedAt())));
        facts.getChildren().add(fact("Dernière réponse de l'agent : " + when(state.lastAnswer())));
        if (state.devices() == null) {
            facts.getChildren().add(fact("Appareils : inconnus"));
        } else {
            for (AgentReplies.Device device : state.devices()) {
                facts.getChildren().add(fact(device.name() + " (" + device.kind() + ") : " + device.health()
                        + (device.reasons().isEmpty() ? "" : " — " + String.join(", ", device.reasons()))
                        + (device.simulated() ? " [simulé]" : "")));
            }
        }
    }

    private String when(Instant instant) {
        return instant == null ? "jamais" : Times.updated(instant, ctx.clock().instant()).replace("Mis à jour ", "");
    }

    private static Label fact(String text) {
        return Ui.label(text, "card", "card-text");
    }
}
