package fr.relais.hub.alert;

/** Rows the alert rules read and write. Times are epoch milliseconds, or null if never. */
public final class AlertRows {
    private AlertRows() {
    }

    /**
     * A node as the rules see it.
     *
     * @param siteKind  the site's kind, or null before its first birth
     * @param lastHeard the latest of its last message, state and birth, or null if never
     * @param metrics   its own latest metrics as a JSON object text, or null
     */
    public record NodeRow(String id, String site, String siteKind, String state, Long lastStateAt, Long lastHeard,
                          String metrics) {
    }

    /** A device and its latest reading; {@code metrics} is a JSON object text or null. */
    public record DeviceRow(String node, String site, String siteKind, String id, String kind, String health,
                            String metrics) {
    }

    /**
     * The latest events of one type from one device (or the node itself, {@code device} null):
     * the highest sequence number among them, and when the last arrived.
     */
    public record EventMark(String node, String device, String type, long maxSeq, long lastReceivedAt) {
    }

    /**
     * An alert.
     *
     * @param state     open, acknowledged or cleared
     * @param clearedBy who cleared it by hand, or null if the hub did when the condition ended
     */
    public record Alert(String id, String conditionKey, String rule, String site, String node, String device,
                        String deviceKind, String severity, String state, boolean flapping, String message,
                        long since, long openedAt, Long acknowledgedAt, String acknowledgedBy, String ackComment,
                        Long clearedAt, String clearedBy, String clearComment) {
        public boolean active() {
            return !"cleared".equals(state);
        }
    }

    /** What {@code GET /api/alerts} asks for; null means any. */
    public record AlertFilter(String state, String site, String severity, int limit) {
    }
}
