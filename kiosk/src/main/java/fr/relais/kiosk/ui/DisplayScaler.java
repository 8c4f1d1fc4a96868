package fr.relais.kiosk.ui;

import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.scene.Parent;
import javafx.scene.Scene;

/**
 * Every size in the style sheet is in em; this sets the root font size from the display size,
 * so the same layout fits a 7-inch Pi touchscreen and a large wall screen. Small displays also
 * get the {@code compact} style class, which trades pictogram size and margins for text size.
 */
final class DisplayScaler {

    static final double MIN_PX = 14;
    static final double MAX_PX = 32;
    static final String COMPACT = "compact";
    /** Below this, the home tiles cannot hold a big pictogram and two lines of text at MIN_PX. */
    static final double COMPACT_BELOW_HEIGHT = 640;
    static final double COMPACT_BELOW_WIDTH = 1000;

    private DisplayScaler() {
    }

    static void bind(Scene scene) {
        bind(scene, new javafx.beans.property.SimpleObjectProperty<>(TextSize.NORMAL));
    }

    /** The visitor's text size multiplies the display's base size; the layout being in em follows. */
    static void bind(Scene scene, ObservableValue<TextSize> textSize) {
        Parent root = scene.getRoot();
        root.styleProperty().bind(Bindings.createStringBinding(
                () -> String.format(Locale.ROOT, "-fx-font-size: %.1fpx;",
                        fontSize(scene.getWidth(), scene.getHeight()) * textSize.getValue().factor()),
                scene.widthProperty(), scene.heightProperty(), textSize));
        Runnable applyCompact = () -> {
            boolean compact = isCompact(scene.getWidth(), scene.getHeight());
            root.getStyleClass().remove(COMPACT);
            if (compact) {
                root.getStyleClass().add(COMPACT);
            }
        };
        scene.widthProperty().addListener(obs -> applyCompact.run());
        scene.heightProperty().addListener(obs -> applyCompact.run());
        applyCompact.run();
    }

    /** About 64 em across and 40 em down, clamped so text stays readable and within reach. */
    static double fontSize(double width, double height) {
        double size = Math.min(width / 64, height / 40);
        return Math.max(MIN_PX, Math.min(MAX_PX, size));
    }

    static boolean isCompact(double width, double height) {
        return height < COMPACT_BELOW_HEIGHT || width < COMPACT_BELOW_WIDTH;
    }
}
