package fr.relais.kiosk.ui;

import java.util.Locale;

/** The kiosk's screens. The CSS id of each screen's root node is {@link #nodeId()}. */
public enum ScreenId {
    HOME,
    PROCEDURES,
    COMPUTER,
    PRINTING,
    WORKSHOPS,
    VAN,
    /** Being seen by a mediator: a queue ticket or an appointment. */
    HELP,
    /** Cancelling a workshop registration or an appointment with its code. */
    CANCEL,
    /** The number being called, for the place's screen. */
    CALLING,
    COWORKING,
    /** Technicians only, after badge and PIN. */
    MAINTENANCE;

    public String nodeId() {
        return "screen-" + name().toLowerCase(Locale.ROOT);
    }
}
