package fr.relais.kiosk.ui;

import fr.relais.kiosk.content.InfoPage;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** A screen of explanations only: nothing to fill in, nothing to get wrong. */
final class InfoScreen {

    private InfoScreen() {
    }

    static Node create(InfoPage page, Navigator navigator) {
        return create(page, navigator, null);
    }

    /** @param first shown above the paragraphs (the devices' states), or null */
    static Node create(InfoPage page, Navigator navigator, Node first) {
        VBox paragraphs = new VBox();
        if (first != null) {
            paragraphs.getChildren().add(first);
        }
        paragraphs.getStyleClass().add("info-paragraphs");
        for (String text : page.paragraphs()) {
            Label paragraph = new Label(text);
            paragraph.getStyleClass().add("info-paragraph");
            paragraph.setWrapText(true);
            paragraph.setMaxWidth(Double.MAX_VALUE);
            paragraph.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            paragraphs.getChildren().add(paragraph);
        }
        ScrollPane scroll = new ScrollPane(paragraphs);
        scroll.setFitToWidth(true);
        scroll.setPannable(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);

        VBox screen = new VBox(ScreenHeader.create(page.title(), navigator), scroll);
        screen.getStyleClass().addAll("screen", "info-screen");
        return screen;
    }
}
