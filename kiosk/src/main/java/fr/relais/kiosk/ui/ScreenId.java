package fr.relais.kiosk.ui;

import java.util.Locale;

/** The kiosk's screens. The CSS id of each screen's root node is {@link #nodeId()}. */
public enum ScreenId {
    HOME,
    PROCEDURES,
    COMPUTER,
    PRINTING,
    WORKSHOPS,
    VAN;

    public String nodeId() {
        return "screen-" + name().toLowerCase(Locale.ROOT);
    }
}
