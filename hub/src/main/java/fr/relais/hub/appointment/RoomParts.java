package fr.relais.hub.appointment;

import fr.relais.hub.db.Database;
import fr.relais.hub.place.BookingSql;
import fr.relais.hub.place.PlaceTimes;
import fr.relais.protocol.content.PlaceContent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The rooms part of the coworking place's kiosk content: its rooms (the coworking resources of
 * kind room) and when each is taken from today on for {@link #DAYS_SENT} days, without names. The coworking data does not say how
 * many people a room holds: capacity is 0, "not said".
 */
public final class RoomParts {
    static final int DAYS_SENT = 8;
    private final BookingSql sql;

    public RoomParts(Database database) {
        this.sql = new BookingSql(database.coworking());
    }

    public List<PlaceContent.Room> rooms(String site, Instant now) {
        LocalDate today = now.atZone(PlaceTimes.PARIS).toLocalDate();
        long from = today.atStartOfDay(PlaceTimes.PARIS).toInstant().toEpochMilli();
        // A week and a day: in the evening or on a closed day the kiosk offers the next day the place opens.
        long to = today.plusDays(DAYS_SENT).atStartOfDay(PlaceTimes.PARIS).toInstant().toEpochMilli();
        return sql.query("SELECT id, name FROM coworking_resources WHERE site_id = ? AND kind = 'room' ORDER BY name, id",
                row -> new String[] {row.getString(1), row.getString(2)}, site).stream()
                .map(room -> new PlaceContent.Room(room[0], room[1], 0, sql.query("SELECT starts_at, ends_at"
                        + " FROM coworking_bookings WHERE resource_id = ? AND cancelled_at IS NULL AND starts_at < ?"
                        + " AND ends_at > ? ORDER BY starts_at", row -> new PlaceContent.Taken(
                        PlaceTimes.iso(row.getLong(1)), PlaceTimes.iso(row.getLong(2))), room[0], to, from)))
                .toList();
    }
}
