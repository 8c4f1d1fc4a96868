package fr.relais.hub.registry;

/** Rows of the registry as the API shows them. Times are epoch milliseconds, or null if never. */
public final class Views {
    private Views() {
    }

    public record Site(String id, String name, String kind) {
    }

    /**
     * @param silent  said online, but not heard from for longer than the silence timeout: its link
     *                died without the broker noticing yet (no Last Will), or the agent hangs
     * @param metrics the node's own latest metrics (outbox, uplink…) as a JSON object text, or null
     * @param seqResets how often its sequence numbering started afresh: a number far from the
     *                  rest (more than the hub's --max-seq-jump), or lost counters
     */
    public record Node(String id, String site, String state, Long bdSeq, String agentVersion, String configVersion,
                       Long lastSeen, long seqGaps, boolean silent, String metrics, long seqResets) {
        public boolean online() {
            return "online".equals(state) && !silent;
        }
    }

    /** @param metrics the latest metrics as a JSON object text, or null before the first reading */
    public record Device(String id, String node, String site, String kind, String name, boolean simulated,
                         String health, String metrics, Long lastSeen) {
    }

    /**
     * @param occurrences    how often this very message (topic and payload) came
     * @param lastReceivedAt when it last came
     */
    public record DeadLetter(String id, long receivedAt, String topic, String field, String reason, int payloadSize,
                             String payloadBase64, long occurrences, long lastReceivedAt) {
    }

    /**
     * A command sent to a node.
     *
     * @param args        the arguments as a JSON object text
     * @param status      a {@link CommandStatus} wire value
     * @param replyStatus what the node last said: accepted, ok, rejected or failed; null if nothing
     * @param result      the final reply's result as a JSON object text, or null before it
     */
    public record Command(String id, String node, String site, String name, String args, String status,
                          long createdAt, Long sentAt, Long deliveredAt, Long finishedAt, long deadline,
                          String replyStatus, String reason, String result) {
    }

    /** A raw reading; {@code metrics} is a JSON object text. {@code device} is null for the node's own. */
    public record Reading(long receivedAt, long deviceTs, String device, String health, String metrics) {
    }

    /** One metric over a minute or an hour. {@code device} is null for the node's own readings. */
    public record Rollup(long bucketStart, String device, String metric, long samples, double min, double max,
                         double sum) {
    }

    /** @param seqResets how often the nodes' sequence numberings started afresh, all nodes */
    public record Totals(long telemetry, long events, long deadLetters, long seqGaps, long seqResets) {
        public Totals(long telemetry, long events, long deadLetters, long seqGaps) {
            this(telemetry, events, deadLetters, seqGaps, 0);
        }
    }
}
