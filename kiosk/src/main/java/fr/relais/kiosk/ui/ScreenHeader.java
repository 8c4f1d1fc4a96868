package fr.relais.kiosk.ui;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The same big "Accueil" button at the same place on every screen but home: a way back is never hidden. */
final class ScreenHeader {

    static final String HOME_LABEL = "Accueil";

    private ScreenHeader() {
    }

    static HBox create(String title, Navigator navigator) {
        Button home = new Button(HOME_LABEL, Icons.icon("home"));
        home.setId("home-button");
        home.getStyleClass().add("home-button");
        home.setAccessibleText("Revenir à l'accueil");
        home.setOnAction(e -> navigator.show(ScreenId.HOME));
        home.setMinWidth(Region.USE_PREF_SIZE);

        Label heading = new Label(title);
        heading.setId("screen-title");
        heading.getStyleClass().add("screen-title");
        heading.setWrapText(true);
        heading.setMaxWidth(Double.MAX_VALUE);
        heading.setMinHeight(Region.USE_PREF_SIZE);
        HBox.setHgrow(heading, Priority.ALWAYS);

        HBox header = new HBox(home, heading);
        header.getStyleClass().add("screen-header");
        return header;
    }
}
