package fr.relais.hub.alert;

import fr.relais.hub.db.Database;
import fr.relais.hub.db.Sql;
import fr.relais.hub.registry.NodeSilence;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The alerts table, and the registry as the alert rules read it. Every call is one statement in
 * auto-commit on the alerts' own connection (see {@link Database}), through {@link Sql}.
 * Blocks on JDBC: never call it on the event loop.
 *
 * <p>At most one alert per condition is not cleared: the database's partial unique index says
 * so, and {@link #open} yields to it rather than checking first, so that no interleaving of the
 * evaluator and the API can make a duplicate.
 */
public final class AlertStore {
    public static final String COLUMNS = "SELECT id, condition_key, rule_id, site_id, node_id, device_id,"
            + " device_kind, severity, state, flapping, message, since, opened_at, acknowledged_at, acknowledged_by,"
            + " ack_comment, cleared_at, cleared_by, clear_comment";
    private static final String ALERT_COLUMNS = COLUMNS + " FROM alerts";
    static final String ACTIVE = "state <> 'cleared'";

    private final Sql sql;

    public AlertStore(Database database) {
        this.sql = new Sql(database.alerts(), "alerts");
    }

    public List<AlertRows.NodeRow> nodes() {
        return sql.query("SELECT n.id, n.site_id, s.kind, n.state, n.last_state_at, n.last_seen, n.last_birth_at, n.metrics"
                + " FROM nodes n LEFT JOIN sites s ON s.id = n.site_id", row -> new AlertRows.NodeRow(row.getString(1),
                row.getString(2), row.getString(3), row.getString(4), Sql.nullableLong(row, 5),
                NodeSilence.latest(Sql.nullableLong(row, 5), Sql.nullableLong(row, 6), Sql.nullableLong(row, 7)),
                row.getString(8)));
    }

    public List<AlertRows.DeviceRow> devices() {
        return sql.query("SELECT d.node_id, n.site_id, s.kind, d.id, d.kind, d.health, d.metrics FROM devices d"
                + " JOIN nodes n ON n.id = d.node_id LEFT JOIN sites s ON s.id = n.site_id",
                row -> new AlertRows.DeviceRow(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getString(5), row.getString(6), row.getString(7)));
    }

    /** The latest events of these types received since {@code since}, per device and type. */
    public List<AlertRows.EventMark> eventMarks(Collection<String> types, long since) {
        if (types.isEmpty()) {
            return List.of();
        }
        List<Object> parameters = new ArrayList<>(types);
        parameters.add(since);
        return sql.query("SELECT node_id, device_id, type, MAX(seq), MAX(received_at) FROM events WHERE type IN ("
                + "?,".repeat(types.size() - 1) + "?) AND received_at >= ? GROUP BY node_id, device_id, type",
                row -> new AlertRows.EventMark(row.getString(1), row.getString(2), row.getString(3), row.getLong(4),
                        row.getLong(5)), parameters.toArray());
    }

    /** Every alert not cleared: open or acknowledged. */
    public List<AlertRows.Alert> active() {
        return sql.query(ALERT_COLUMNS + " WHERE " + ACTIVE, AlertStore::alert);
    }

    public Optional<AlertRows.Alert> find(String id) {
        return sql.one(ALERT_COLUMNS + " WHERE id = ?", AlertStore::alert, id);
    }

    /** The condition's most recent alert, whatever its state. */
    public Optional<AlertRows.Alert> latest(String conditionKey) {
        return sql.one(ALERT_COLUMNS + " WHERE condition_key = ? ORDER BY opened_at DESC, id DESC LIMIT 1",
                AlertStore::alert, conditionKey);
    }

    /** How many alerts the condition opened since {@code since}. */
    public int openingsSince(String conditionKey, long since) {
        return sql.query("SELECT COUNT(*) FROM alerts WHERE condition_key = ? AND opened_at >= ?", row -> row.getInt(1),
                conditionKey, since).get(0);
    }

    /** Newest first. */
    public List<AlertRows.Alert> list(AlertRows.AlertFilter filter) {
        StringBuilder select = new StringBuilder(ALERT_COLUMNS + " WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        if ("active".equals(filter.state())) {
            select.append(" AND ").append(ACTIVE);
        } else if (filter.state() != null) {
            select.append(" AND state = ?");
            parameters.add(filter.state());
        }
        if (filter.site() != null) {
            select.append(" AND site_id = ?");
            parameters.add(filter.site());
        }
        if (filter.severity() != null) {
            select.append(" AND severity = ?");
            parameters.add(filter.severity());
        }
        select.append(" ORDER BY opened_at DESC, id DESC LIMIT ").append(Math.max(1, Math.min(filter.limit(), 1000)));
        return sql.query(select.toString(), AlertStore::alert, parameters.toArray());
    }

    /** Records a new alert; false if its condition already has one that is not cleared. */
    public boolean open(AlertRows.Alert alert) {
        return sql.update("INSERT INTO alerts (id, condition_key, rule_id, site_id, node_id, device_id, device_kind,"
                + " severity, state, flapping, message, since, opened_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?,"
                + " ?, ?) ON CONFLICT DO NOTHING", alert.id(), alert.conditionKey(), alert.rule(), alert.site(),
                alert.node(), alert.device(), alert.deviceKind(), alert.severity(), alert.flapping(), alert.message(),
                alert.since(), alert.openedAt()) == 1;
    }

    /** Raises the severity of an alert that is not cleared (a warning that became critical). */
    public boolean escalate(String id, String severity, String message) {
        return sql.update("UPDATE alerts SET severity = ?, message = ? WHERE id = ? AND " + ACTIVE, severity, message,
                id) == 1;
    }

    /** Acknowledges an open alert; false if it is not open (unknown, acknowledged or cleared). */
    public boolean acknowledge(String id, long at, String by, String comment) {
        return sql.update("UPDATE alerts SET state = 'acknowledged', acknowledged_at = ?, acknowledged_by = ?,"
                + " ack_comment = ? WHERE id = ? AND state = 'open'", at, by, comment, id) == 1;
    }

    /**
     * Clears an alert that is not cleared yet; {@code by} null means the hub, because the
     * condition ended. False if it was cleared already (or is unknown).
     */
    public boolean clear(String id, long at, String by, String comment) {
        return sql.update("UPDATE alerts SET state = 'cleared', cleared_at = ?, cleared_by = ?, clear_comment = ?"
                + " WHERE id = ? AND " + ACTIVE, at, by, comment, id) == 1;
    }

    public static AlertRows.Alert alert(ResultSet row) throws SQLException {
        return new AlertRows.Alert(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                row.getString(5), row.getString(6), row.getString(7), row.getString(8), row.getString(9),
                row.getBoolean(10), row.getString(11), row.getLong(12), row.getLong(13), Sql.nullableLong(row, 14),
                row.getString(15), row.getString(16), Sql.nullableLong(row, 17), row.getString(18), row.getString(19));
    }
}
