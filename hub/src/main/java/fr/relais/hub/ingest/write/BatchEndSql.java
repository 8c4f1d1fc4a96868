package fr.relais.hub.ingest.write;

/**
 * The SQL of a batch's end ({@link PendingUpdates}): what each update of a node's or a device's row
 * computes, shared by both ways of sending them, a statement per row (SQLite) and a statement over
 * arrays (PostgreSQL, {@link UpdateArrays}).
 */
final class BatchEndSql {
    private BatchEndSql() {
    }

    /**
     * One statement per run of a node's numbers, the run's figures given once in {@code p}. Every
     * SET expression sees the row as it was, so the jump test and the new minimum, maximum and
     * count are spelled out again wherever they are used. A run far from the node's numbering
     * (JUMP) starts a new one: the holes counted so far are kept in {@code seq_gaps_before}, and
     * counting starts afresh from the run. A node heard from without a number (n = 0) keeps its
     * numbers and gaps. All differences are of non-negative numbers, so none overflows.
     * {@code from} gives {@code p}, {@code where} picks the node's row: one row, or rows of arrays.
     */
    static String nodeUpdate(long maxSeqJump, String from, String where) {
        String jump = "(p.n > 0 AND nodes.max_seq IS NOT NULL AND (p.lo - nodes.max_seq > " + maxSeqJump
                + " OR nodes.min_seq - p.hi > " + maxSeqJump + "))";
        String newMin = "CASE WHEN nodes.min_seq IS NULL OR nodes.min_seq > p.lo THEN p.lo ELSE nodes.min_seq END";
        String newMax = "CASE WHEN nodes.max_seq IS NULL OR nodes.max_seq < p.hi THEN p.hi ELSE nodes.max_seq END";
        String holes = "(" + newMax + ") - (" + newMin + ") + 1 - (nodes.seq_count + p.n)";
        String runHoles = "(p.hi - p.lo + 1 - p.n)";
        return "UPDATE nodes SET"
                + " last_seen = CASE WHEN nodes.last_seen IS NULL OR nodes.last_seen < p.seen THEN p.seen"
                + " ELSE nodes.last_seen END,"
                + " seq_resets = nodes.seq_resets + CASE WHEN " + jump + " THEN 1 ELSE 0 END,"
                + " seq_reset_at = CASE WHEN " + jump + " THEN p.seen ELSE nodes.seq_reset_at END,"
                + " seq_gaps_before = CASE WHEN " + jump + " THEN nodes.seq_gaps ELSE nodes.seq_gaps_before END,"
                + " min_seq = CASE WHEN p.n = 0 THEN nodes.min_seq WHEN " + jump + " THEN p.lo ELSE " + newMin + " END,"
                + " max_seq = CASE WHEN p.n = 0 THEN nodes.max_seq WHEN " + jump + " THEN p.hi ELSE " + newMax + " END,"
                + " seq_count = CASE WHEN " + jump + " THEN p.n ELSE nodes.seq_count + p.n END,"
                // Two distinct messages under one number would make the count negative: a node's
                // fault, not a hole.
                + " seq_gaps = CASE WHEN p.n = 0 THEN nodes.seq_gaps"
                + " WHEN " + jump + " THEN nodes.seq_gaps + CASE WHEN " + runHoles + " > 0 THEN " + runHoles + " ELSE 0 END"
                + " WHEN " + holes + " > 0 THEN nodes.seq_gaps_before + " + holes
                + " ELSE nodes.seq_gaps_before END"
                + " FROM " + from + " WHERE " + where;
    }

    /**
     * Whether a node's own reading numbered {@code seq} replaces the one in {@code table}'s row. A
     * value numbered beyond the node's numbering belongs to one it abandoned (a number that jumped,
     * a lost SD card): any reading of the current numbering replaces it.
     */
    static String newerNodeMetrics(String table, String seq) {
        return "(" + table + ".metrics_seq IS NULL OR " + table + ".metrics_seq < " + seq + " OR " + table
                + ".metrics_seq > " + table + ".max_seq)";
    }

    /** The same for a device's reading: beyond its node's numbering, it belongs to an abandoned one. */
    static String newerDeviceValue(String table, String seq) {
        return "(" + table + ".value_seq IS NULL OR " + table + ".value_seq < " + seq + " OR " + table
                + ".value_seq > (SELECT n.max_seq FROM nodes n WHERE n.id = " + table + ".node_id))";
    }
}
