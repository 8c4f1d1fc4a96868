package fr.relais.hub.appointment;

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
 * The slots and their bookings. Booking and cancelling are static methods on a connection in a
 * transaction, shared by the API and the kiosk actions: a booking starts with a write on the
 * slot's row (SQLite's write lock, PostgreSQL's row lock), so two bookings of one slot take turns
 * and the second is refused; a unique index on the holding booking of a slot stands behind it.
 */
public final class SlotStore {
    static final String COLUMNS = "SELECT s.id, s.site_id, s.with_whom, s.start_at, s.end_at, s.place, s.commune_id,"
            + " s.example, s.created_at, b.code, b.first_name, b.source, b.created_at";
    static final String FROM = "FROM appointment_slots s LEFT JOIN appointment_bookings b ON b.slot_id = s.id"
            + " AND b.cancelled_at IS NULL";
    public static final String TAKEN = "Ce créneau vient d'être pris";
    public static final String UNKNOWN_CODE = "Code inconnu";
    public static final String UNKNOWN_SLOT = "Créneau inconnu";

    private final BookingSql sql;

    public SlotStore(BookingSql sql) {
        this.sql = sql;
    }

    Page<Slot> list(String site, Instant from, Instant to, boolean freeOnly, PageRequest page) throws BadCursorException {
        PagedQuery query = new PagedQuery(COLUMNS, FROM, List.of(new PagedQuery.Key("s.start_at", Long.class),
                new PagedQuery.Key("s.id", String.class)), false)
                .where("s.site_id = ?", site).where("s.end_at > ?", from == null ? null : from.toEpochMilli())
                .where("s.start_at < ?", to == null ? null : to.toEpochMilli());
        if (freeOnly) {
            query.where("b.id IS NULL AND 1 = ?", 1);
        }
        return sql.page(query, page, SlotStore::slot, slot -> List.of(slot.startAt(), slot.id()));
    }

    /** Every slot of a site meeting [from, to), booked or not, by start: a day's, for the mediator. */
    List<Slot> between(String site, Instant from, Instant to, boolean freeOnly, int limit) {
        return sql.query(COLUMNS + " " + FROM + " WHERE s.site_id = ? AND s.end_at > ? AND s.start_at < ?"
                + (freeOnly ? " AND b.id IS NULL" : "") + " ORDER BY s.start_at, s.id LIMIT " + limit, SlotStore::slot,
                site, from.toEpochMilli(), to.toEpochMilli());
    }

    Optional<Slot> find(String id) {
        return sql.one(COLUMNS + " " + FROM + " WHERE s.id = ?", SlotStore::slot, id);
    }

    Optional<Slot> findByCode(String code) {
        return sql.one(COLUMNS + " " + FROM + " WHERE b.code = ?", SlotStore::slot, code);
    }

    void create(List<Slot> slots) {
        sql.transaction(connection -> {
            for (Slot slot : slots) {
                insert(connection, slot);
            }
            return null;
        });
    }

    public static void insert(Connection connection, Slot s) throws SQLException {
        Sql.update(connection, "INSERT INTO appointment_slots (id, site_id, with_whom, start_at, end_at, place,"
                + " commune_id, example, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", s.id(), s.site(), s.with(),
                s.startAt(), s.endAt(), s.place(), s.commune(), s.example(), s.createdAt());
    }

    /** Deletes a free slot; a booked one is refused (cancel its booking first: the visitor holds a code). */
    void delete(String id) {
        sql.transaction(connection -> {
            Slot slot = lock(connection, id, null);
            if (slot.booking() != null) {
                throw new Refusal(409, "slot " + id + " is booked (code " + slot.booking().code()
                        + "): cancel the booking first");
            }
            return Sql.update(connection, "DELETE FROM appointment_slots WHERE id = ?", id);
        });
    }

    Slot.Booking book(String slotId, String firstName, String source, long now) {
        return sql.transaction(connection -> book(connection, slotId, null, firstName, source, now));
    }

    Slot.Booking cancel(String code, long now) {
        return sql.transaction(connection -> cancel(connection, code, null, now));
    }

    /** Books a free slot (of {@code site}, when given) for a first name, or refuses in French. */
    public static Slot.Booking book(Connection connection, String slotId, String site, String firstName, String source,
                                    long now) throws SQLException {
        Slot slot = lock(connection, slotId, site);
        if (slot.startAt() <= now) {
            throw new Refusal(409, "Ce créneau est passé");
        }
        if (slot.booking() != null) {
            throw new Refusal(409, TAKEN);
        }
        String code = freeCode(connection);
        Sql.update(connection, "INSERT INTO appointment_bookings (id, slot_id, site_id, code, first_name, source,"
                + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", MessageIds.next().toString(), slotId, slot.site(), code,
                firstName, source, now);
        return new Slot.Booking(code, slotId, slot.site(), firstName, source, now, null);
    }

    /** Cancels the booking holding {@code code} (of {@code site}, when given): the slot is free again. */
    public static Slot.Booking cancel(Connection connection, String code, String site, long now) throws SQLException {
        // A write first (see WorkshopStore.cancel): a transaction that read first could not write.
        Sql.update(connection, "UPDATE appointment_bookings SET code = code WHERE code = ? AND cancelled_at IS NULL",
                code);
        Optional<Slot.Booking> found = Sql.one(connection, "SELECT code, slot_id, site_id, first_name, source,"
                + " created_at, cancelled_at FROM appointment_bookings WHERE code = ? AND cancelled_at IS NULL",
                row -> new Slot.Booking(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getString(5), row.getLong(6), BookingSql.nullableLong(row, 7)), code);
        if (found.isEmpty() || site != null && !found.get().site().equals(site)) {
            throw Refusal.notFound(UNKNOWN_CODE);
        }
        Slot.Booking held = found.get();
        lock(connection, held.slotId(), null);
        Sql.update(connection, "UPDATE appointment_bookings SET cancelled_at = ? WHERE code = ?"
                + " AND cancelled_at IS NULL", now, code);
        return new Slot.Booking(held.code(), held.slotId(), held.site(), held.firstName(), held.source(),
                held.createdAt(), now);
    }

    private static Slot lock(Connection connection, String slotId, String site) throws SQLException {
        if (Sql.update(connection, "UPDATE appointment_slots SET start_at = start_at WHERE id = ?", slotId) == 0) {
            throw Refusal.notFound(UNKNOWN_SLOT);
        }
        Slot slot = Sql.one(connection, COLUMNS + " " + FROM + " WHERE s.id = ?", SlotStore::slot, slotId)
                .orElseThrow(() -> Refusal.notFound(UNKNOWN_SLOT));
        if (site != null && !slot.site().equals(site)) {
            throw Refusal.notFound(UNKNOWN_SLOT);
        }
        return slot;
    }

    private static String freeCode(Connection connection) throws SQLException {
        while (true) {
            String code = BookingCode.next();
            if (Sql.query(connection, "SELECT 1 FROM appointment_bookings WHERE code = ? AND cancelled_at IS NULL",
                    row -> 1, code).isEmpty()) {
                return code;
            }
        }
    }

    static Slot slot(ResultSet row) throws SQLException {
        String code = row.getString(10);
        Slot.Booking booking = code == null ? null : new Slot.Booking(code, row.getString(1), row.getString(2),
                row.getString(11), row.getString(12), row.getLong(13), null);
        return new Slot(row.getString(1), row.getString(2), row.getString(3), row.getLong(4), row.getLong(5),
                row.getString(6), row.getString(7), row.getBoolean(8), row.getLong(9), booking);
    }
}
