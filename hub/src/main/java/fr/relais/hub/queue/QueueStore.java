package fr.relais.hub.queue;

import fr.relais.hub.db.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The places' queue tickets, on a connection shared with other stores (serialised on it, auto-commit).
 * Every change is a single conditional update ({@code WHERE status = …}): two mediators, or two
 * hubs on one PostgreSQL, calling at the same instant never get the same ticket.
 */
public final class QueueStore extends Sql {
    /** A day's queue is a few dozen tickets; anything beyond this is not shown. */
    static final int MAX_DAY = 1000;
    private static final String COLUMNS = "id, site_id, node_id, day, number, label, topic, taken_at, called_at, desk,"
            + " done_at, status";

    public QueueStore(Connection connection) {
        super(connection, "queue tickets");
    }

    /** The site's tickets of a local day, in the order they were taken. */
    public List<Ticket> day(String site, LocalDate day) {
        return query("SELECT " + COLUMNS + " FROM queue_tickets WHERE site_id = ? AND day = ?"
                + " ORDER BY taken_at, number, id LIMIT " + MAX_DAY, QueueStore::ticket, site, day.toString());
    }

    public Optional<Ticket> find(String site, String id) {
        return query("SELECT " + COLUMNS + " FROM queue_tickets WHERE site_id = ? AND id = ?", QueueStore::ticket, site,
                id).stream().findFirst();
    }

    /**
     * Closes the ticket the desk was serving (it is done: its service time ends now), then calls
     * the first ticket of the day still waiting to that desk.
     *
     * @return the ticket called, or empty when nobody waits
     */
    public Optional<Ticket> callNext(String site, LocalDate day, String desk, long now) {
        synchronized (connection) {
            update("UPDATE queue_tickets SET status = 'done', done_at = ? WHERE site_id = ? AND status = 'called'"
                    + " AND desk = ?", now, site, desk);
            // Another caller may take the first one between the read and the update: then the next.
            for (int attempt = 0; attempt < 20; attempt++) {
                Optional<String> first = query("SELECT id FROM queue_tickets WHERE site_id = ? AND day = ?"
                        + " AND status = 'waiting' ORDER BY taken_at, number, id LIMIT 1", row -> row.getString(1),
                        site, day.toString()).stream().findFirst();
                if (first.isEmpty()) {
                    return Optional.empty();
                }
                if (update("UPDATE queue_tickets SET status = 'called', called_at = ?, desk = ? WHERE id = ?"
                        + " AND status = 'waiting'", now, desk, first.get()) == 1) {
                    return find(site, first.get());
                }
            }
            return Optional.empty();
        }
    }

    /** Served: from waiting (helped without a call) or called. */
    public boolean done(String site, String id, long now) {
        return update("UPDATE queue_tickets SET status = 'done', done_at = ? WHERE site_id = ? AND id = ?"
                + " AND status IN ('waiting', 'called')", now, site, id) == 1;
    }

    /** Called and not there (or gone before the call). */
    public boolean noShow(String site, String id, long now) {
        return update("UPDATE queue_tickets SET status = 'no-show', done_at = ? WHERE site_id = ? AND id = ?"
                + " AND status IN ('waiting', 'called')", now, site, id) == 1;
    }

    /**
     * Called again (the screen shows it anew): a ticket called, or one marked absent who turns up.
     * Its service starts now; the desk stays unless another is given.
     */
    public boolean recall(String site, String id, String desk, long now) {
        return update("UPDATE queue_tickets SET status = 'called', called_at = ?, done_at = NULL,"
                + " desk = COALESCE(?, desk) WHERE site_id = ? AND id = ? AND status IN ('called', 'no-show')",
                now, desk, site, id) == 1;
    }

    static Ticket ticket(ResultSet row) throws SQLException {
        return new Ticket(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getInt(5),
                row.getString(6), row.getString(7), row.getLong(8), nullableLong(row, 9), row.getString(10),
                nullableLong(row, 11), row.getString(12));
    }
}
