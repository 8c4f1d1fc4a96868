package fr.relais.kiosk.ui;

import fr.relais.protocol.content.PlaceContent;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** For the place's screen: the number called last, huge, and its desk; the ones before, smaller. */
final class CallingScreen implements Screen {

    static final String TITLE = "Numéro appelé";
    static final String NOBODY = "Aucun numéro appelé pour le moment.";

    private final ScreenContext ctx;
    private final Label number = Ui.label("", "calling-number");
    private final Label desk = Ui.label("", "calling-desk");
    private final Label before = Ui.label("", "card-text");
    private final Label waiting = Ui.label("", "lead");
    private final Label freshness = Ui.freshnessLabel();
    private final Node node;

    private CallingScreen(ScreenContext ctx) {
        this.ctx = ctx;
        number.setId("calling-number");
        desk.setId("calling-desk");
        waiting.setId("calling-waiting");
        VBox board = new VBox(number, desk, before, waiting);
        board.getStyleClass().add("calling-board");
        VBox.setVgrow(board, Priority.ALWAYS);
        // In large text on the 7-inch display, or very large text on any, the last lines went below the
        // screen (AccessibilityTest): they scroll instead; at the wall display's own size all of it fits.
        VBox page = new VBox(board, freshness);
        javafx.scene.control.ScrollPane scroll = Ui.scroll(page);
        scroll.setFitToHeight(true);
        VBox screen = new VBox(ScreenHeader.create(TITLE, ctx.navigator()), scroll);
        screen.getStyleClass().addAll("screen", "calling-screen");
        this.node = screen;
        refresh();
    }

    static Screen create(ScreenContext ctx) {
        return new CallingScreen(ctx);
    }

    @Override
    public Node node() {
        return node;
    }

    @Override
    public void refresh() {
        Ui.refreshFreshness(freshness, ctx);
        PlaceContent content = ctx.state().content();
        if (content == null || content.queue().calling().isEmpty()) {
            number.setText("—");
            desk.setText(content == null ? Ui.freshness(ctx.state(), ctx.clock().instant()) : NOBODY);
            before.setText("");
        } else {
            PlaceContent.Called last = content.queue().calling().get(0);
            number.setText(last.label());
            desk.setText(last.desk() == null ? "Présentez-vous à l'accueil" : "Allez au " + last.desk());
            before.setText(content.queue().calling().size() > 1 ? "Avant : " + String.join(", ",
                    content.queue().calling().stream().skip(1).limit(3).map(PlaceContent.Called::label).toList()) : "");
        }
        int count = content == null ? 0 : content.queue().waiting();
        waiting.setText(content == null ? "" : count == 0 ? "Personne n'attend." : count == 1 ? "1 personne attend."
                : count + " personnes attendent.");
    }
}
