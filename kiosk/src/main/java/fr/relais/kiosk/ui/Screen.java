package fr.relais.kiosk.ui;

import javafx.scene.Node;

/** A screen of the kiosk: its node, redrawn when the agent's information changes. */
interface Screen {

    Node node();

    /** The agent's state changed; called on the JavaFX thread, shown or not. */
    default void refresh() {
    }

    /** The screen is about to be shown (e.g. start waiting for a badge). */
    default void shown() {
    }

    /** Another screen replaces it (e.g. stop waiting for a badge). */
    default void hidden() {
    }

    static Screen of(Node node) {
        return () -> node;
    }
}
