package fr.relais.hub.notify;

import fr.relais.hub.alert.AlertRows;

/** Something a technician may want to hear about an alert. */
public record Notice(Kind kind, AlertRows.Alert alert) {
    /** What happened to the alert. */
    public enum Kind {
        /** A condition held long enough: a new alert. */
        OPENED("opened"),
        /** The same condition opened too often lately: one alert, flagged, instead of many. */
        FLAPPING("flapping"),
        /** An alert's severity rose (a warning became critical). */
        ESCALATED("escalated"),
        /** The condition ended and the alert cleared itself. */
        CLEARED("cleared");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }
}
