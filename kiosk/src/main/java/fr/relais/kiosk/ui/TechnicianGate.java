package fr.relais.kiosk.ui;

import static fr.relais.kiosk.content.French.typo;

import fr.relais.kiosk.agent.AgentReplies;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The only way out of the kiosk: a technician's badge on the kiosk's reader, then the PIN, both
 * checked by the agent ({@code POST /kiosk/v1/maintenance}). Opened by a long press on the place's
 * name (documented in the README, not shown to visitors).
 */
final class TechnicianGate {

    static final String BADGE = "Maintenance : passez votre badge technicien";
    static final String REFUSED = "Code refusé.";
    static final int MAX_PIN = 8;

    private final ScreenContext ctx;
    private final Runnable opened;
    private final Runnable closed;
    private final Label message = Ui.label("", "lead");
    private final Label dots = Ui.label("", "pin-dots");
    private final VBox dialog = new VBox();
    private final StackPane layer;
    private AgentReplies.BadgeRead read;
    private final StringBuilder pin = new StringBuilder();

    /** @param opened runs when the agent accepted; {@code closed} when the gate goes away without */
    TechnicianGate(ScreenContext ctx, Runnable opened, Runnable closed) {
        this.ctx = ctx;
        this.opened = opened;
        this.closed = closed;
        message.setId("tech-message");
        dots.setId("pin-dots");
        dialog.getStyleClass().add("dialog");
        dialog.setAlignment(Pos.CENTER);
        dialog.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        layer = new StackPane(dialog);
        layer.setId("technician-gate");
        layer.getStyleClass().add("overlay");
        layer.setVisible(false);
    }

    Node node() {
        return layer;
    }

    boolean showing() {
        return layer.isVisible();
    }

    void open() {
        read = null;
        pin.setLength(0);
        Label title = Ui.label(BADGE, "dialog-title");
        title.setId("tech-prompt");
        if (ctx.agent().configured()) {
            message.setText("");
            ctx.agent().waitForBadge(this::badged);
        } else {
            message.setText(typo("Pas d'agent : cette borne n'a pas de maintenance locale."));
        }
        dialog.getChildren().setAll(title, message, cancel());
        layer.setVisible(true);
    }

    void close() {
        if (layer.isVisible()) {
            layer.setVisible(false);
            ctx.agent().stopWaitingForBadge();
            closed.run();
        }
    }

    private void badged(AgentReplies.BadgeRead badge) {
        read = badge;
        ctx.agent().stopWaitingForBadge();
        message.setText("");
        GridPane pad = new GridPane();
        pad.getStyleClass().add("pin-pad");
        for (int digit = 1; digit <= 10; digit++) {
            int value = digit % 10;
            Button key = Ui.button(String.valueOf(value), "pin-" + value, "pin-key", e -> press(value));
            pad.add(key, value == 0 ? 1 : (digit - 1) % 3, value == 0 ? 3 : (digit - 1) / 3);
        }
        pad.add(Ui.button("Effacer", "pin-clear", "pin-key", e -> {
            pin.setLength(0);
            dots.setText("");
        }), 0, 3);
        pad.add(Ui.button("OK", "pin-ok", "pin-key", e -> submit()), 2, 3);
        dialog.getChildren().setAll(Ui.label("Code technicien", "dialog-title"), dots, pad, message, cancel());
    }

    private void press(int digit) {
        if (pin.length() < MAX_PIN) {
            pin.append(digit);
            dots.setText("•".repeat(pin.length()));
        }
    }

    private void submit() {
        String typed = pin.toString();
        pin.setLength(0);
        dots.setText("");
        AgentReplies.BadgeRead badge = read;
        message.setText("Vérification…");
        ctx.agent().call(client -> client.maintenance(badge.read(), typed), ok -> {
            if (ok) {
                layer.setVisible(false);
                opened.run();
            } else {
                message.setText(REFUSED);
            }
        }, failure -> message.setText(typo("L'agent ne répond pas : " + failure)));
    }

    private Button cancel() {
        return Ui.secondary("Annuler", "tech-cancel", e -> close());
    }
}
