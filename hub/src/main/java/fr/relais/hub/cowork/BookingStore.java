package fr.relais.hub.cowork;

import fr.relais.hub.db.BadCursorException;
import fr.relais.hub.db.Page;
import fr.relais.hub.db.PageRequest;
import fr.relais.hub.db.PagedQuery;
import fr.relais.hub.db.Sql;
import fr.relais.hub.web.Refusal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The coworking_bookings table. Two bookings of a resource may not overlap (touching is fine: one
 * ends at 10:00, the next starts at 10:00); the check and the insert are one transaction that
 * locks the site first ({@link CoworkSql#inSiteTransaction}).
 */
final class BookingStore {
    static final String COLUMNS = "SELECT id, site_id, resource_id, member_id, starts_at, ends_at, created_at,"
            + " cancelled_at";

    private final CoworkSql sql;

    BookingStore(CoworkSql sql) {
        this.sql = sql;
    }

    /** Bookings holding (not cancelled) that meet [from, to), by start. */
    Page<Booking> list(String site, Instant from, Instant to, PageRequest page) throws BadCursorException {
        PagedQuery query = new PagedQuery(COLUMNS, "FROM coworking_bookings",
                List.of(CoworkSql.number("starts_at"), CoworkSql.text("id")), false)
                .where("site_id = ?", site).where("ends_at > ?", from == null ? null : from.toEpochMilli())
                .where("starts_at < ?", to == null ? null : to.toEpochMilli());
        query.where("COALESCE(cancelled_at, 0) = ?", 0L); // holding ones only
        return sql.page(query, page, BookingStore::booking, booking -> List.of(booking.from().toEpochMilli(),
                booking.id()));
    }

    Optional<Booking> find(String id) {
        return sql.one(COLUMNS + " FROM coworking_bookings WHERE id = ?", BookingStore::booking, id);
    }

    /** Books, or refuses with the booking it overlaps. */
    Booking create(Booking booking) {
        return sql.inSiteTransaction(booking.site(), () -> {
            Optional<Booking> conflict = sql.one(COLUMNS + " FROM coworking_bookings WHERE resource_id = ?"
                    + " AND cancelled_at IS NULL AND starts_at < ? AND ends_at > ? ORDER BY starts_at LIMIT 1",
                    BookingStore::booking, booking.resourceId(), booking.until().toEpochMilli(),
                    booking.from().toEpochMilli());
            if (conflict.isPresent()) {
                Booking other = conflict.get();
                throw new Refusal(409, "resource " + booking.resourceId() + " is booked from " + other.from() + " to "
                        + other.until() + " (booking " + other.id() + ")", CoworkJson.booking(other));
            }
            sql.update("INSERT INTO coworking_bookings (id, site_id, resource_id, member_id, starts_at, ends_at,"
                    + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", booking.id(), booking.site(), booking.resourceId(),
                    booking.memberId(), booking.from().toEpochMilli(), booking.until().toEpochMilli(),
                    booking.createdAt());
            return booking;
        });
    }

    /**
     * The kiosk's booking ({@link CoworkingApi#bookRoomOn}): the same overlap rule as {@link #create},
     * on the writer's connection, in its transaction, after a write on the site's row (the lock
     * {@link CoworkSql#inSiteTransaction} takes).
     */
    static CoworkingApi.KioskBooking bookOn(java.sql.Connection writer, String site, String memberId, String roomId,
                                            Instant from, Instant until, long now) throws SQLException {
        CoworkSql.lockSite(writer, site);
        CoworkSql sql = new CoworkSql(writer);
        Optional<Member> member = sql.one(MemberStore.COLUMNS + " FROM coworking_members WHERE id = ?",
                MemberStore::member, memberId);
        if (member.isEmpty() || !member.get().site().equals(site) || !member.get().status().equals("active")) {
            return new CoworkingApi.KioskBooking(null, "Votre badge ne permet pas de réserver : demandez à l'accueil");
        }
        Optional<Resource> room = sql.one(ResourceStore.COLUMNS + " FROM coworking_resources WHERE id = ?",
                ResourceStore::resource, roomId);
        if (room.isEmpty() || !room.get().site().equals(site) || !room.get().kind().equals("room")) {
            return new CoworkingApi.KioskBooking(null, "Salle inconnue");
        }
        if (member.get().planId() != null) {
            Optional<Plan> plan = sql.one(PlanStore.COLUMNS + " FROM coworking_plans WHERE id = ?", PlanStore::plan,
                    member.get().planId());
            java.time.ZoneId zone = SiteSettings.DEFAULT_ZONE;
            java.time.LocalDate first = from.atZone(zone).toLocalDate();
            java.time.LocalDate last = until.minusMillis(1).atZone(zone).toLocalDate();
            if (plan.isPresent() && (plan.get().validFrom() != null && first.isBefore(plan.get().validFrom())
                    || plan.get().validUntil() != null && last.isAfter(plan.get().validUntil()))) {
                return new CoworkingApi.KioskBooking(null, "Votre formule ne couvre pas ce jour");
            }
        }
        Optional<Booking> conflict = sql.one(COLUMNS + " FROM coworking_bookings WHERE resource_id = ?"
                + " AND cancelled_at IS NULL AND starts_at < ? AND ends_at > ? ORDER BY starts_at LIMIT 1",
                BookingStore::booking, roomId, until.toEpochMilli(), from.toEpochMilli());
        if (conflict.isPresent()) {
            return new CoworkingApi.KioskBooking(null, "Salle déjà réservée à ce moment-là");
        }
        String id = fr.relais.protocol.MessageIds.next().toString();
        Sql.update(writer, "INSERT INTO coworking_bookings (id, site_id, resource_id, member_id, starts_at, ends_at,"
                + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", id, site, roomId, memberId, from.toEpochMilli(),
                until.toEpochMilli(), now);
        return new CoworkingApi.KioskBooking(id, null);
    }

    /** Cancels; false if it was cancelled already. */
    boolean cancel(Booking booking, long now) {
        return sql.inSiteTransaction(booking.site(), () -> sql.update("UPDATE coworking_bookings SET cancelled_at = ?"
                + " WHERE id = ? AND cancelled_at IS NULL", now, booking.id()) == 1);
    }

    static Booking booking(ResultSet row) throws SQLException {
        return new Booking(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                Instant.ofEpochMilli(row.getLong(5)), Instant.ofEpochMilli(row.getLong(6)), row.getLong(7),
                CoworkSql.nullableLong(row, 8));
    }
}
