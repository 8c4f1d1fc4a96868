package fr.relais.kiosk.config;

/**
 * The file as written, before validation. Boxed types let the loader tell "missing" from
 * "zero" or "false", so it can name the missing field instead of inventing a value.
 */
record RawKioskConfig(RawSite site, Long idleTimeoutSeconds, Boolean fullScreen, RawAgent agent) {

    record RawSite(String name, String kind) {
    }

    /** Where the local agent's loopback API is announced (the link file the agent writes at start). */
    record RawAgent(String linkFile) {
    }
}
