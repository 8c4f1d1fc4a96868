package fr.relais.kiosk.ui;

import static fr.relais.kiosk.content.French.typo;

import fr.relais.kiosk.agent.AgentReplies;
import fr.relais.kiosk.content.DeviceTexts;
import fr.relais.kiosk.content.InfoPage;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * "Utiliser un ordinateur" and "Imprimer ou scanner": the explanations, topped by the real state of
 * the place's computers or printer and scanner, as the agent last saw them.
 */
final class DevicesScreen implements Screen {

    enum Kind { COMPUTERS, PRINTING }

    static final String UNKNOWN = typo("L'état des appareils n'est pas connu ici : demandez à l'accueil.");

    private final ScreenContext ctx;
    private final Kind kind;
    private final VBox states = new VBox();
    private final Node node;

    private DevicesScreen(ScreenContext ctx, InfoPage page, Kind kind) {
        this.ctx = ctx;
        this.kind = kind;
        states.setId("device-states");
        states.getStyleClass().add("device-states");
        this.node = InfoScreen.create(page, ctx.navigator(), states);
        refresh();
    }

    static Screen create(ScreenContext ctx, InfoPage page, Kind kind) {
        return new DevicesScreen(ctx, page, kind);
    }

    @Override
    public Node node() {
        return node;
    }

    @Override
    public void refresh() {
        List<AgentReplies.Device> devices = ctx.state().devices();
        List<String> lines = new ArrayList<>();
        if (devices != null) {
            if (kind == Kind.COMPUTERS) {
                String computers = DeviceTexts.computers(devices);
                if (computers != null) {
                    lines.add(computers);
                }
            } else {
                lines.addAll(DeviceTexts.printing(devices));
            }
        }
        if (lines.isEmpty()) {
            lines.add(ctx.agent().configured() ? UNKNOWN : Ui.NOT_AVAILABLE);
        }
        states.getChildren().clear();
        if (devices != null && !ctx.state().reachable()) {
            // The states below are the last the agent gave: said first, in the words of the other screens.
            String text = ctx.state().content() != null ? Ui.freshness(ctx.state(), ctx.clock().instant())
                    : typo("Dernier état connu : la borne ne reçoit plus de nouvelles.");
            Label stale = Ui.label(text, "device-state", "device-problem");
            stale.setId("devices-stale");
            states.getChildren().add(stale);
        }
        for (String line : lines) {
            Label label = Ui.label(line, "device-state",
                    line.contains("demandez") ? "device-problem" : "device-ok");
            states.getChildren().add(label);
        }
    }
}
