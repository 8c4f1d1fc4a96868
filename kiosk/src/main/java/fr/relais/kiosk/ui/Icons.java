package fr.relais.kiosk.ui;

import javafx.scene.layout.Region;

/**
 * Pictograms help visitors who read with difficulty. Each is a {@link Region} whose shape and
 * size come from the style sheet ({@code .icon-*}), so they scale with the text and need no
 * image files or icon font on the Pi.
 */
final class Icons {

    private Icons() {
    }

    /** @param name one of document, computer, printer, people, van, home, close, person, search */
    static Region icon(String name) {
        Region icon = new Region();
        icon.getStyleClass().addAll("icon", "icon-" + name);
        icon.setMouseTransparent(true);
        return icon;
    }
}
