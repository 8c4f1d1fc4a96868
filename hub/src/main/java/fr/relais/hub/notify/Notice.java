package fr.relais.hub.notify;

/**
 * Something a technician may want to hear about an alert. The alert comes as notify's own record,
 * filled by the alert package when it hands the alert over, so that notify depends on nothing of
 * alert (alert uses notify, one way).
 */
public record Notice(Kind kind, Alert alert) {
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

    /**
     * The alert as the hub stores it: every field of the alert's row, so that the webhook's JSON
     * is the alert as {@code GET /api/alerts/{id}} shows it. Times are epoch milliseconds, or null if never.
     *
     * @param conditionKey the condition it stands for (rule, node, device)
     * @param state        open, acknowledged or cleared
     * @param clearedBy    who cleared it by hand, or null if the hub did when the condition ended
     */
    public record Alert(String id, String conditionKey, String rule, String site, String node, String device,
                        String deviceKind, String severity, String state, boolean flapping, String message,
                        long since, long openedAt, Long acknowledgedAt, String acknowledgedBy, String ackComment,
                        Long clearedAt, String clearedBy, String clearComment) {
    }
}
