package fr.relais.kiosk.ui;

import static fr.relais.kiosk.content.French.typo;

import fr.relais.kiosk.content.OpeningHours;
import fr.relais.protocol.SiteKind;
import fr.relais.protocol.content.PlaceContent;
import javafx.geometry.Pos;
import javafx.scene.layout.HBox;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;

/**
 * One question, five big answers. The online procedures tile is the largest because it is
 * what most visitors come for.
 */
final class HomeScreen implements Screen {

    static final String GREETING = typo("Bonjour, que souhaitez-vous faire ?");

    private final ScreenContext ctx;
    private final Label hoursToday = Ui.label("", "hours-today");
    private final Label openNow = Ui.label("", "open-now");
    private final Label freshness = Ui.freshnessLabel();
    private final Node node;

    private HomeScreen(ScreenContext ctx) {
        this.ctx = ctx;
        this.node = build(ctx.navigator(), ctx.config().site().kind());
        refresh();
    }

    static Screen create(ScreenContext ctx) {
        return new HomeScreen(ctx);
    }

    @Override
    public Node node() {
        return node;
    }

    /** Hours only when the agent gave them: a guess on the home screen would send people to a closed door. */
    @Override
    public void refresh() {
        PlaceContent content = ctx.state().content();
        boolean known = content != null;
        hoursToday.setVisible(known);
        openNow.setVisible(known);
        if (known) {
            hoursToday.setText(OpeningHours.today(content.hours(), ctx.now().toLocalDate()));
            openNow.setText(OpeningHours.now(content.hours(), ctx.now()));
            openNow.getStyleClass().removeAll("open", "closed");
            openNow.getStyleClass().add(OpeningHours.isOpen(content.hours(), ctx.now()) ? "open" : "closed");
        }
        // Only when something is wrong: the hours shown may be old, and the visitor should know it.
        Ui.refreshFreshness(freshness, ctx);
        freshness.setVisible(known && freshness.getStyleClass().contains("freshness-problem"));
    }

    private Node build(Navigator navigator, SiteKind kind) {
        hoursToday.setId("hours-today");
        openNow.setId("open-now");
        hoursToday.managedProperty().bind(hoursToday.visibleProperty());
        openNow.managedProperty().bind(openNow.visibleProperty());
        freshness.managedProperty().bind(freshness.visibleProperty());
        HBox hours = new HBox(openNow, hoursToday);
        hours.getStyleClass().add("hours-row");
        Label greeting = new Label(GREETING);
        greeting.setId("greeting");
        greeting.getStyleClass().add("greeting");
        greeting.setWrapText(true);

        GridPane tiles = new GridPane();
        tiles.setId("home-tiles");
        tiles.getStyleClass().add("home-tiles");
        for (int i = 0; i < 3; i++) {
            ColumnConstraints column = new ColumnConstraints();
            column.setPercentWidth(100.0 / 3);
            column.setHgrow(Priority.ALWAYS);
            tiles.getColumnConstraints().add(column);
        }
        for (int i = 0; i < 2; i++) {
            RowConstraints row = new RowConstraints();
            row.setPercentHeight(50);
            row.setVgrow(Priority.ALWAYS);
            tiles.getRowConstraints().add(row);
        }
        if (kind == SiteKind.COWORKING) {
            tiles.add(tile(navigator, ScreenId.COWORKING, "badge", "Coworking : arriver, partir, réserver",
                    "Passez votre badge, voyez les salles libres"), 0, 0, 1, 2);
        } else {
            tiles.add(tile(navigator, ScreenId.PROCEDURES, "document", "Faire une démarche en ligne",
                    "CAF, France Travail, impôts, retraite, santé, papiers, voiture"), 0, 0, 1, 2);
        }
        tiles.add(tile(navigator, ScreenId.COMPUTER, "computer", "Utiliser un ordinateur",
                "Gratuit, pour tout le monde"), 1, 0);
        tiles.add(tile(navigator, ScreenId.PRINTING, "printer", "Imprimer ou scanner un document",
                "Une feuille, un papier à envoyer"), 2, 0);
        tiles.add(tile(navigator, ScreenId.WORKSHOPS, "people", "Les ateliers",
                "Apprendre en petit groupe"), 1, 1);
        tiles.add(tile(navigator, ScreenId.VAN, "van", typo("Quand passe le bus France Services ?"),
                "Le service public qui vient dans votre commune"), 2, 1);
        VBox.setVgrow(tiles, Priority.ALWAYS);

        VBox screen = new VBox(greeting, hours, freshness, tiles);
        screen.getStyleClass().addAll("screen", "home-screen");
        return screen;
    }

    private static Button tile(Navigator navigator, ScreenId target, String icon, String title, String hint) {
        Label titleLabel = new Label(title);
        titleLabel.getStyleClass().add("tile-title");
        titleLabel.setWrapText(true);
        Label hintLabel = new Label(typo(hint));
        hintLabel.getStyleClass().add("tile-hint");
        hintLabel.setWrapText(true);
        // Wrapped titles take the lines they need instead of ending in "…".
        titleLabel.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        hintLabel.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        VBox face = new VBox(Icons.icon(icon), titleLabel, hintLabel);
        face.getStyleClass().add("tile-face");
        face.setAlignment(Pos.CENTER);

        Button tile = new Button(null, face);
        tile.setId("tile-" + target.name().toLowerCase(java.util.Locale.ROOT));
        tile.getStyleClass().addAll("tile", "tile-" + icon);
        tile.setAccessibleText(title);
        tile.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        tile.setOnAction(e -> navigator.show(target));
        return tile;
    }
}
