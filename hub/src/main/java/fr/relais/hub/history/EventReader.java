package fr.relais.hub.history;

import fr.relais.hub.db.BadCursorException;
import fr.relais.hub.db.Database;
import fr.relais.hub.db.Page;
import fr.relais.hub.db.PageRequest;
import fr.relais.hub.db.PagedQuery;
import fr.relais.hub.db.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The events the nodes sent (table {@code events}), newest first, a page at a time. The site is
 * the one the node is registered in: an event carries none of its own, so a viewer's scope is
 * a join on {@code nodes}, which also keeps another site's node out when a viewer names it.
 */
public final class EventReader extends Sql {
    /**
     * What the list is filtered by; a null field does not filter. Times are epoch milliseconds
     * of reception, {@code to} excluded.
     */
    public record Filter(String site, String node, String device, String type, Long from, Long to) {
    }

    /** One stored event; {@code data} is the JSON object text the node sent, {@code site} null for an unknown node. */
    public record Event(String id, String site, String node, String device, String type, String severity,
                        String message, String data, long deviceTs, boolean clockSynced, long receivedAt) {
    }

    /**
     * On the connection of the hub's other {@link Sql} read models (places, territory): the
     * registry's readers' connection is serialised by {@code RegistryReader} itself, not on the
     * connection, so sharing it would let two threads use one connection at once.
     */
    public EventReader(Database database) {
        super(database.coworking(), "events");
    }

    public Page<Event> events(Filter filter, PageRequest page) throws BadCursorException {
        // A LEFT JOIN: an event of a node the registry no longer knows still shows to those who see every site.
        PagedQuery query = new PagedQuery("SELECT e.msg_id, n.site_id, e.node_id, e.device_id, e.type, e.severity,"
                + " e.message, e.data, e.device_ts, e.clock_synced, e.received_at",
                "FROM events e LEFT JOIN nodes n ON n.id = e.node_id",
                List.of(new PagedQuery.Key("e.received_at", Long.class), new PagedQuery.Key("e.msg_id", String.class)),
                true)
                .where("n.site_id = ?", filter.site())
                .where("e.node_id = ?", filter.node())
                .where("e.device_id = ?", filter.device())
                .where("e.type = ?", filter.type())
                .where("e.received_at >= ?", filter.from())
                .where("e.received_at < ?", filter.to());
        return page(query, page, EventReader::event, event -> List.of(event.receivedAt(), event.id()));
    }

    public boolean siteExists(String site) {
        return one("SELECT 1 FROM sites WHERE id = ?", row -> true, site).isPresent();
    }

    /** A node the registry knows, or one whose events are still stored after it left the registry. */
    public boolean nodeExists(String node) {
        return one("SELECT 1 FROM nodes WHERE id = ? UNION ALL SELECT 1 FROM events WHERE node_id = ?", row -> true,
                node, node).isPresent();
    }

    private static Event event(ResultSet row) throws SQLException {
        return new Event(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                row.getString(6), row.getString(7), row.getString(8), row.getLong(9), row.getBoolean(10),
                row.getLong(11));
    }
}
