package fr.relais.kiosk.ui;

import static fr.relais.kiosk.content.French.typo;

import fr.relais.kiosk.content.Procedure;
import fr.relais.kiosk.content.ProcedureCatalog;
import fr.relais.kiosk.content.ProcedureSearch;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The online procedures, each with where to go and what a mediator can do. The search box is
 * the only place a visitor types, which is why the session wipe exists.
 */
final class ProceduresScreen {

    static final String TITLE = "Faire une démarche en ligne";
    static final String NO_MATCH = typo("Aucune démarche ne correspond. Demandez à un médiateur : il vous aidera.");
    static final String MEDIATOR_PREFIX = typo("Demandez à un médiateur : ");

    private final List<Procedure> procedures = ProcedureCatalog.all();
    private final Map<String, Node> cards = new LinkedHashMap<>();
    private final GridPane list = new GridPane();
    private final Label noMatch = new Label(NO_MATCH);
    private final TextField search = new TextField();

    private ProceduresScreen() {
    }

    static Node create(Navigator navigator) {
        return new ProceduresScreen().build(navigator);
    }

    private Node build(Navigator navigator) {
        Label intro = new Label(typo("Choisissez votre démarche. Un médiateur peut la faire avec vous."));
        intro.getStyleClass().add("lead");
        intro.setWrapText(true);
        intro.setMinHeight(Region.USE_PREF_SIZE);

        for (Procedure procedure : procedures) {
            cards.put(procedure.id(), card(procedure));
        }
        list.setId("procedure-list");
        list.getStyleClass().add("procedure-list");
        for (int i = 0; i < 2; i++) {
            ColumnConstraints column = new ColumnConstraints();
            column.setPercentWidth(50);
            list.getColumnConstraints().add(column);
        }
        noMatch.setId("procedure-no-match");
        noMatch.getStyleClass().add("no-match");
        noMatch.setWrapText(true);
        noMatch.managedProperty().bind(noMatch.visibleProperty());

        search.textProperty().addListener((obs, old, query) -> showMatching(query));
        showMatching("");

        Button help = new Button(typo("Être reçu par un médiateur : prendre un ticket ou un rendez-vous"),
                Icons.icon("person"));
        help.setId("open-help");
        help.getStyleClass().add("primary-button");
        help.setWrapText(true);
        // The pictogram above the words: beside them, a wrapped button is given one line too few and
        // ends in "…" at the larger text sizes.
        help.setContentDisplay(ContentDisplay.TOP);
        help.setMinHeight(Region.USE_PREF_SIZE);
        help.setMaxWidth(Double.MAX_VALUE);
        help.setOnAction(e -> navigator.show(ScreenId.HELP));

        // Everything under the title scrolls together: in large text on a 7-inch display the search and the
        // button alone would fill the screen and leave no room for the list.
        VBox body = new VBox(intro, help, searchBar(), noMatch, list);
        body.getStyleClass().add("screen");
        ScrollPane scroll = new ScrollPane(body);
        scroll.setId("procedure-scroll");
        scroll.setFitToWidth(true);
        scroll.setPannable(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);

        VBox screen = new VBox(ScreenHeader.create(TITLE, navigator), scroll);
        screen.getStyleClass().addAll("screen", "procedures-screen");
        return screen;
    }

    private Node searchBar() {
        Label label = new Label("Rechercher une démarche");
        label.getStyleClass().add("search-label");
        label.setLabelFor(search);

        search.setId("procedure-search");
        search.getStyleClass().add("search-field");
        search.setPromptText(typo("Par exemple : impôts, CAF, passeport"));
        search.setAccessibleText("Rechercher une démarche");
        HBox.setHgrow(search, Priority.ALWAYS);

        Button clear = new Button("Effacer");
        clear.setId("procedure-search-clear");
        clear.getStyleClass().add("secondary-button");
        clear.setOnAction(e -> search.clear());
        clear.setMinWidth(Region.USE_PREF_SIZE);

        HBox field = new HBox(Icons.icon("search"), search, clear);
        field.getStyleClass().add("search-row");
        Label privacy = new Label(typo("N'écrivez ici ni votre nom, ni vos numéros : ce n'est pas nécessaire."));
        privacy.getStyleClass().add("privacy-note");
        privacy.setWrapText(true);
        privacy.setMinHeight(Region.USE_PREF_SIZE);
        VBox bar = new VBox(label, field, privacy);
        bar.getStyleClass().add("search-bar");
        return bar;
    }

    private void showMatching(String query) {
        List<Procedure> matching = ProcedureSearch.filter(procedures, query);
        list.getChildren().clear();
        for (int i = 0; i < matching.size(); i++) {
            list.add(cards.get(matching.get(i).id()), i % 2, i / 2);
        }
        noMatch.setVisible(matching.isEmpty());
    }

    private static Node card(Procedure procedure) {
        Label title = new Label(procedure.title());
        title.getStyleClass().add("procedure-title");
        title.setWrapText(true);
        Label guidance = new Label(procedure.guidance());
        guidance.getStyleClass().add("procedure-guidance");
        guidance.setWrapText(true);
        Label tip = new Label(MEDIATOR_PREFIX + procedure.mediatorTip());
        tip.getStyleClass().add("mediator-tip");
        tip.setWrapText(true);
        tip.setMaxWidth(Double.MAX_VALUE);
        // Wrapped texts ask for the height their lines need, rather than being cut short with "…".
        for (Label label : new Label[] {title, guidance, tip}) {
            label.setMinHeight(Region.USE_PREF_SIZE);
        }

        // The pictogram beside the label, not inside it: a wrapped label with a graphic is given one
        // line too few and ends in "…".
        HBox tipRow = new HBox(Icons.icon("person"), tip);
        tipRow.getStyleClass().add("mediator-tip-row");
        HBox.setHgrow(tip, Priority.ALWAYS);
        VBox card = new VBox(title, guidance, tipRow);
        card.setId("procedure-" + procedure.id());
        card.getStyleClass().add("procedure-card");
        card.setMaxHeight(Double.MAX_VALUE);
        return card;
    }
}
