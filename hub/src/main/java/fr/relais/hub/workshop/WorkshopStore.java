package fr.relais.hub.workshop;

import fr.relais.hub.db.BadCursorException;
import fr.relais.hub.db.Page;
import fr.relais.hub.db.PageRequest;
import fr.relais.hub.db.PagedQuery;
import fr.relais.hub.db.Sql;
import fr.relais.hub.place.BookingCode;
import fr.relais.hub.place.BookingSql;
import fr.relais.hub.web.Refusal;
import fr.relais.protocol.MessageIds;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The workshops and their registrations. The rules that the API and the kiosk share (a seat,
 * a number, a code; a cancellation by code) are static methods on a connection in a transaction:
 * each starts with a write on the workshop's row, so SQLite holds its write lock from the start
 * and PostgreSQL locks the row, and two registrations for the last seat take turns.
 */
public final class WorkshopStore {
    static final String COLUMNS = "SELECT w.id, w.site_id, w.title, w.topic, w.level, w.start_at, w.end_at, w.seats,"
            + " w.professional, w.place, w.status, w.example, w.created_at, (SELECT COUNT(*) FROM"
            + " workshop_registrations r WHERE r.workshop_id = w.id AND r.cancelled_at IS NULL)";
    public static final String FULL = "Plus de place pour cet atelier";
    public static final String UNKNOWN_CODE = "Code inconnu";
    public static final String UNKNOWN_WORKSHOP = "Atelier inconnu";

    /** A registration kept: its code and its number in the workshop. */
    public record Registration(String workshopId, String site, String code, String firstName, int number,
                               String source, long createdAt, Long cancelledAt) {
    }

    private final BookingSql sql;

    public WorkshopStore(BookingSql sql) {
        this.sql = sql;
    }

    /** Workshops of a site (or all) meeting [from, to), by start. */
    Page<Workshop> list(String site, Instant from, Instant to, PageRequest page) throws BadCursorException {
        PagedQuery query = new PagedQuery(COLUMNS, "FROM workshops w",
                List.of(new PagedQuery.Key("w.start_at", Long.class), new PagedQuery.Key("w.id", String.class)), false)
                .where("w.site_id = ?", site).where("w.end_at > ?", from == null ? null : from.toEpochMilli())
                .where("w.start_at < ?", to == null ? null : to.toEpochMilli());
        return sql.page(query, page, WorkshopStore::workshop, w -> List.of(w.startAt(), w.id()));
    }

    /** Not cancelled, not over, starting before {@code until}: what a kiosk shows. */
    List<Workshop> coming(String site, Instant now, Instant until) {
        return sql.query(COLUMNS + " FROM workshops w WHERE w.site_id = ? AND w.status = 'active' AND w.end_at > ?"
                + " AND w.start_at < ? ORDER BY w.start_at, w.id LIMIT 200", WorkshopStore::workshop, site,
                now.toEpochMilli(), until.toEpochMilli());
    }

    Optional<Workshop> find(String id) {
        return sql.one(COLUMNS + " FROM workshops w WHERE w.id = ?", WorkshopStore::workshop, id);
    }

    void create(Workshop w) {
        sql.transaction(connection -> insert(connection, w));
    }

    static int insert(Connection connection, Workshop w) throws SQLException {
        return Sql.update(connection, "INSERT INTO workshops (id, site_id, title, topic, level, start_at, end_at,"
                + " seats, professional, place, status, example, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?)", w.id(), w.site(), w.title(), w.topic(), w.level(), w.startAt(), w.endAt(), w.seats(),
                w.professional(), w.place(), w.status(), w.example(), w.createdAt());
    }

    /** Changes a workshop; fewer seats than registrations holding is refused. */
    Workshop update(Workshop changed) {
        return sql.transaction(connection -> {
            lock(connection, changed.id(), null);
            int registered = registered(connection, changed.id());
            if (changed.seats() < registered) {
                throw new Refusal(409, "seats: " + registered + " people are registered already");
            }
            Sql.update(connection, "UPDATE workshops SET title = ?, topic = ?, level = ?, start_at = ?, end_at = ?,"
                    + " seats = ?, professional = ?, place = ?, status = ? WHERE id = ?", changed.title(),
                    changed.topic(), changed.level(), changed.startAt(), changed.endAt(), changed.seats(),
                    changed.professional(), changed.place(), changed.status(), changed.id());
            return find(connection, changed.id());
        });
    }

    List<Registration> registrations(String workshopId) {
        return sql.query("SELECT r.workshop_id, w.site_id, r.code, r.first_name, r.number, r.source, r.created_at,"
                + " r.cancelled_at FROM workshop_registrations r JOIN workshops w ON w.id = r.workshop_id"
                + " WHERE r.workshop_id = ? ORDER BY r.number", WorkshopStore::registration, workshopId);
    }

    Registration register(String workshopId, String firstName, String source, long now) {
        return sql.transaction(connection -> register(connection, workshopId, null, firstName, source, now));
    }

    Registration cancel(String workshopId, String code, long now) {
        return sql.transaction(connection -> cancel(connection, workshopId, null, code, now));
    }

    /**
     * Registers someone (a first name, or anonymously with the next number), or refuses in French:
     * unknown (or of another site than {@code site}, when given), cancelled, over, full.
     */
    public static Registration register(Connection connection, String workshopId, String site, String firstName,
                                        String source, long now) throws SQLException {
        Workshop workshop = lock(connection, workshopId, site);
        if (!workshop.status().equals("active")) {
            throw new Refusal(409, "Cet atelier est annulé");
        }
        if (workshop.endAt() <= now) {
            throw new Refusal(409, "Cet atelier est terminé");
        }
        if (workshop.registered() >= workshop.seats()) {
            throw new Refusal(409, FULL);
        }
        int number = Sql.one(connection, "SELECT COALESCE(MAX(number), 0) FROM workshop_registrations"
                + " WHERE workshop_id = ?", row -> row.getInt(1), workshopId).orElse(0) + 1;
        String code = freeCode(connection);
        Sql.update(connection, "INSERT INTO workshop_registrations (id, workshop_id, code, first_name, number,"
                + " source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", MessageIds.next().toString(), workshopId, code,
                firstName, number, source, now);
        return new Registration(workshopId, workshop.site(), code, firstName, number, source, now, null);
    }

    /**
     * Cancels the registration holding {@code code} (of that workshop, or of {@code site}, when
     * given): the seat comes back. Refused "Code inconnu" when none holds it.
     */
    public static Registration cancel(Connection connection, String workshopId, String site, String code, long now)
            throws SQLException {
        // A write first: SQLite then holds its write lock before reading. A transaction that read first
        // cannot take it once another connection has written (SQLITE_BUSY at once, whatever the timeout).
        Sql.update(connection, "UPDATE workshop_registrations SET code = code WHERE code = ?"
                + " AND cancelled_at IS NULL", code);
        Optional<Registration> found = Sql.one(connection, "SELECT r.workshop_id, w.site_id, r.code,"
                + " r.first_name, r.number, r.source, r.created_at, r.cancelled_at FROM workshop_registrations r"
                + " JOIN workshops w ON w.id = r.workshop_id WHERE r.code = ? AND r.cancelled_at IS NULL",
                WorkshopStore::registration, code);
        if (found.isEmpty() || workshopId != null && !found.get().workshopId().equals(workshopId)
                || site != null && !found.get().site().equals(site)) {
            throw Refusal.notFound(UNKNOWN_CODE);
        }
        lock(connection, found.get().workshopId(), null);
        Sql.update(connection, "UPDATE workshop_registrations SET cancelled_at = ? WHERE code = ?"
                + " AND cancelled_at IS NULL", now, code);
        Registration held = found.get();
        return new Registration(held.workshopId(), held.site(), held.code(), held.firstName(), held.number(),
                held.source(), held.createdAt(), now);
    }

    /** Locks the workshop's row (a write first) and reads it; unknown, or of another site: 404. */
    private static Workshop lock(Connection connection, String workshopId, String site) throws SQLException {
        if (Sql.update(connection, "UPDATE workshops SET seats = seats WHERE id = ?", workshopId) == 0) {
            throw Refusal.notFound(UNKNOWN_WORKSHOP);
        }
        Workshop workshop = find(connection, workshopId);
        if (site != null && !workshop.site().equals(site)) {
            throw Refusal.notFound(UNKNOWN_WORKSHOP);
        }
        return workshop;
    }

    private static Workshop find(Connection connection, String id) throws SQLException {
        return Sql.one(connection, COLUMNS + " FROM workshops w WHERE w.id = ?", WorkshopStore::workshop, id)
                .orElseThrow(() -> Refusal.notFound(UNKNOWN_WORKSHOP));
    }

    private static int registered(Connection connection, String id) throws SQLException {
        return Sql.one(connection, "SELECT COUNT(*) FROM workshop_registrations WHERE workshop_id = ?"
                + " AND cancelled_at IS NULL", row -> row.getInt(1), id).orElse(0);
    }

    private static String freeCode(Connection connection) throws SQLException {
        while (true) {
            String code = BookingCode.next();
            if (Sql.query(connection, "SELECT 1 FROM workshop_registrations WHERE code = ?"
                    + " AND cancelled_at IS NULL", row -> 1, code).isEmpty()) {
                return code;
            }
        }
    }

    static Workshop workshop(ResultSet row) throws SQLException {
        return new Workshop(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                row.getLong(6), row.getLong(7), row.getInt(8), row.getBoolean(9), row.getString(10), row.getString(11),
                row.getBoolean(12), row.getLong(13), row.getInt(14));
    }

    static Registration registration(ResultSet row) throws SQLException {
        return new Registration(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getInt(5),
                row.getString(6), row.getLong(7), BookingSql.nullableLong(row, 8));
    }
}
