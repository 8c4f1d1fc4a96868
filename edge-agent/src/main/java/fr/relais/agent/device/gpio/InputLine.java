package fr.relais.agent.device.gpio;

/** An input pin held by one device: its level now, and a listener for its changes. */
public interface InputLine {
    Pin pin();

    /** Whether the line is at its active level now: high, or low for an active-low pin. */
    boolean active();

    /**
     * Calls {@code listener} at every change of level, from whatever thread noticed it (Pi4J's
     * monitoring thread on a Pi). One listener per line; a second call replaces the first.
     */
    void listen(Listener listener);

    @FunctionalInterface
    interface Listener {
        void changed(boolean active);
    }
}
