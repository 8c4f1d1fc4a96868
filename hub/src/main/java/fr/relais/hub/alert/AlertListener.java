package fr.relais.hub.alert;

/**
 * Told when an alert opens, escalates, is acknowledged or clears, once the change is stored: the
 * live channel listens. Called on the thread that stored it (a worker's); an implementation hands
 * it over and returns at once.
 */
public interface AlertListener {
    AlertListener NONE = (alert, change) -> {
    };

    /** What happened to the alert; {@link #wire()} is how the live channel spells it. */
    enum Change {
        OPENED, ESCALATED, ACKNOWLEDGED, CLEARED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** @param alert the alert as stored after the change */
    void changed(AlertRows.Alert alert, Change change);
}
