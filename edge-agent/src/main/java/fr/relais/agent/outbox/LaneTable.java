package fr.relais.agent.outbox;

import fr.relais.protocol.Topic;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/** The SQL of one lane's table. Rows are kept in id order, which is the order of storing. */
final class LaneTable {
    /** Message kinds as stored: a small number instead of a topic. */
    private static final Topic.Kind[] KINDS = {Topic.Kind.TELEMETRY, Topic.Kind.EVENT, Topic.Kind.REPLY};

    record Totals(long count, long bytes) {
    }


    static final int ROWS_PER_STATEMENT = 50;

    private final Lane lane;
    private PreparedStatement fullInsert;
    private PreparedStatement rangeDelete;

    LaneTable(Lane lane) {
        this.lane = lane;
    }

    static int kindCode(Topic.Kind kind) {
        for (int i = 0; i < KINDS.length; i++) {
            if (KINDS[i] == kind) {
                return i;
            }
        }
        throw new IllegalArgumentException("the outbox does not keep " + kind + " messages");
    }

    /** Inserts in order, {@link #ROWS_PER_STATEMENT} rows per statement: fewer native calls per row. */
    void insert(Connection connection, List<Outbox.Pending> rows) throws SQLException {
        int full = rows.size() / ROWS_PER_STATEMENT * ROWS_PER_STATEMENT;
        if (full > 0) {
            if (fullInsert == null || fullInsert.getConnection() != connection) {
                // Kept for the writer's connection: parsing a 200-parameter statement per commit shows.
                fullInsert = connection.prepareStatement(insertSql(ROWS_PER_STATEMENT));
            }
            for (int start = 0; start < full; start += ROWS_PER_STATEMENT) {
                bind(fullInsert, rows.subList(start, start + ROWS_PER_STATEMENT));
                fullInsert.executeUpdate();
            }
        }
        if (full < rows.size()) {
            try (PreparedStatement insert = connection.prepareStatement(insertSql(rows.size() - full))) {
                bind(insert, rows.subList(full, rows.size()));
                insert.executeUpdate();
            }
        }
    }

    private String insertSql(int rows) {
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(lane.table())
                .append(" (kind, created_at, size, payload) VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "(?, ?, ?, ?)" : ", (?, ?, ?, ?)");
        }
        return sql.toString();
    }

    private static void bind(PreparedStatement insert, List<Outbox.Pending> rows) throws SQLException {
        int parameter = 1;
        for (Outbox.Pending row : rows) {
            insert.setInt(parameter++, kindCode(row.kind()));
            insert.setLong(parameter++, row.createdAt());
            insert.setInt(parameter++, row.payload().length);
            insert.setBytes(parameter++, row.payload());
        }
    }

    /**
     * Deletes rows by id, one statement per run of consecutive ids (acknowledgements mostly come
     * in order); returns how many rows existed (an evicted row is simply not found).
     */
    long delete(Connection connection, Collection<Long> ids) throws SQLException {
        long[] sorted = ids.stream().mapToLong(Long::longValue).sorted().toArray();
        if (rangeDelete == null || rangeDelete.getConnection() != connection) {
            rangeDelete = connection.prepareStatement("DELETE FROM " + lane.table() + " WHERE id BETWEEN ? AND ?");
        }
        long deleted = 0;
        int start = 0;
        while (start < sorted.length) {
            int end = start;
            while (end + 1 < sorted.length && sorted[end + 1] == sorted[end] + 1) {
                end++;
            }
            rangeDelete.setLong(1, sorted[start]);
            rangeDelete.setLong(2, sorted[end]);
            deleted += rangeDelete.executeUpdate();
            start = end + 1;
        }
        return deleted;
    }

    /**
     * Removes up to {@code limit} of the oldest rows; returns how many and their bytes. One
     * statement that writes: a transaction that read first could not become a writer once
     * another connection (the command log, the node's counters) had written.
     */
    Totals evictOldest(Connection connection, int limit) throws SQLException {
        long count = 0;
        long bytes = 0;
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + lane.table()
                + " WHERE id IN (SELECT id FROM " + lane.table() + " ORDER BY id LIMIT ?) RETURNING size")) {
            delete.setInt(1, limit);
            try (ResultSet row = delete.executeQuery()) {
                while (row.next()) {
                    bytes += row.getLong(1);
                    count++;
                }
            }
        }
        return new Totals(count, bytes);
    }

    /** The next rows after {@code afterId} up to {@code upToId}, skipping those already acknowledged. */
    OutboxBatch readAfter(Connection connection, long afterId, long upToId, int limit, Set<Long> acknowledged)
            throws SQLException {
        // Copied before the query takes its snapshot: the writer may commit a deletion and forget
        // its ids meanwhile, and a row still in this older snapshot must not slip through then.
        Set<Long> skipped = Set.copyOf(acknowledged);
        List<OutboxEntry> entries = new ArrayList<>();
        long lastId = afterId;
        try (PreparedStatement select = connection.prepareStatement("SELECT id, kind, payload FROM " + lane.table()
                + " WHERE id > ? AND id <= ? ORDER BY id LIMIT ?")) {
            select.setLong(1, afterId);
            select.setLong(2, upToId);
            select.setInt(3, limit);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    long id = row.getLong(1);
                    lastId = id;
                    if (!skipped.contains(id)) {
                        entries.add(new OutboxEntry(lane, id, KINDS[row.getInt(2)], row.getBytes(3)));
                    }
                }
            }
        }
        return new OutboxBatch(entries, lastId);
    }

    /** The id of the last row ever inserted (AUTOINCREMENT keeps it even once deleted), 0 if none. */
    long lastId(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT seq FROM sqlite_sequence WHERE name = ?")) {
            select.setString(1, lane.table());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        }
    }

    Totals totals(Connection connection) throws SQLException {
        try (Statement select = connection.createStatement();
             ResultSet row = select.executeQuery("SELECT COUNT(*), COALESCE(SUM(size), 0) FROM " + lane.table())) {
            row.next();
            return new Totals(row.getLong(1), row.getLong(2));
        }
    }

    OptionalLong oldestCreatedAt(Connection connection) throws SQLException {
        try (Statement select = connection.createStatement();
             ResultSet row = select.executeQuery("SELECT created_at FROM " + lane.table() + " ORDER BY id LIMIT 1")) {
            return row.next() ? OptionalLong.of(row.getLong(1)) : OptionalLong.empty();
        }
    }
}
