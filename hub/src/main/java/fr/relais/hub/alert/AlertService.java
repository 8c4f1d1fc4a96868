package fr.relais.hub.alert;

import java.time.Clock;
import java.util.Optional;

/**
 * What technicians do with alerts. Who does it is a parameter: today the API takes it from the
 * request body; once technicians log in, it will come from their session. Blocks on JDBC.
 */
public final class AlertService {
    /** Why an alert cannot be acknowledged or cleared as asked. */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final boolean unknown;

        public Refused(boolean unknown, String message) {
            super(message);
            this.unknown = unknown;
        }

        /** True when there is no such alert, false when its state forbids it. */
        public boolean unknown() {
            return unknown;
        }
    }

    private final AlertStore store;
    private final Clock clock;
    private volatile AlertListener listener = AlertListener.NONE;

    public AlertService(AlertStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Who is told of each acknowledgement and clearing by hand (the live channel). */
    public AlertService listener(AlertListener listener) {
        this.listener = java.util.Objects.requireNonNull(listener, "listener");
        return this;
    }

    public Optional<AlertRows.Alert> find(String id) {
        return store.find(id);
    }

    /** Someone has seen it and is on it; it stays until the condition ends or someone clears it. */
    public AlertRows.Alert acknowledge(String id, String by, String comment) {
        if (!store.acknowledge(id, clock.millis(), by, comment)) {
            AlertRows.Alert alert = store.find(id).orElseThrow(() -> new Refused(true, "no alert " + id));
            throw new Refused(false, "alert " + id + " is " + alert.state()
                    + (alert.acknowledgedBy() != null ? " (by " + alert.acknowledgedBy() + ")" : "")
                    + ": only an open alert can be acknowledged");
        }
        AlertRows.Alert acknowledged = store.find(id).orElseThrow();
        listener.changed(acknowledged, AlertListener.Change.ACKNOWLEDGED);
        return acknowledged;
    }

    /**
     * Cleared by hand, with why. If its condition still holds, it does not open again until the
     * condition has ended once (see {@link AlertEvaluator}).
     */
    public AlertRows.Alert clear(String id, String by, String comment) {
        if (!store.clear(id, clock.millis(), by, comment)) {
            store.find(id).orElseThrow(() -> new Refused(true, "no alert " + id));
            throw new Refused(false, "alert " + id + " is already cleared");
        }
        AlertRows.Alert cleared = store.find(id).orElseThrow();
        listener.changed(cleared, AlertListener.Change.CLEARED);
        return cleared;
    }
}
