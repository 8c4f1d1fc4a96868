package fr.relais.hub.cowork;

import fr.relais.hub.db.Database;
import fr.relais.protocol.MessageIds;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * The example coworking place of {@code provisioning/examples/territoire.yaml}: two meeting rooms,
 * a desk, one member (named as an example) and two of her bookings today, so that the coworking
 * kiosk of a demo shows rooms taken and free instead of "no room here". Loaded by
 * {@code --example-content} only while the site has no room or desk at all. No badge is made: a
 * member's card is enrolled from the Coworking page, as in real life.
 */
public final class ExampleCoworking {
    static final String SITE = "rozoy-coworking";
    static final String MEMBER_NAME = "Camille (exemple)";

    private record Room(String name, String kind) {
    }

    private static final List<Room> ROOMS = List.of(new Room("Salle de réunion", "room"),
            new Room("Salle de visio", "room"), new Room("Poste fixe 1", "desk"));

    private ExampleCoworking() {
    }

    /** Loads the example if the coworking place has no resources; returns how many rows were made. */
    public static int loadIfEmpty(Database database, Clock clock) {
        CoworkSql sql = new CoworkSql(database.coworking());
        return sql.inSiteTransaction(SITE, () -> {
            long existing = sql.query("SELECT COUNT(*) FROM coworking_resources WHERE site_id = ?",
                    row -> row.getLong(1), SITE).get(0);
            if (existing > 0) {
                return 0;
            }
            long now = clock.millis();
            String member = MessageIds.next().toString();
            int made = sql.update("INSERT INTO coworking_members (id, site_id, name, organisation, email, plan_id,"
                    + " status, notes, pack_days_left, created_at) VALUES (?, ?, ?, NULL, NULL, NULL, 'active', ?,"
                    + " NULL, ?)", member, SITE, MEMBER_NAME, "Exemple du mode démonstration", now);
            String meetingRoom = null;
            for (Room room : ROOMS) {
                String id = MessageIds.next().toString();
                meetingRoom = meetingRoom == null ? id : meetingRoom;
                made += sql.update("INSERT INTO coworking_resources (id, site_id, name, kind, door_id, created_at)"
                        + " VALUES (?, ?, ?, ?, NULL, ?)", id, SITE, room.name(), room.kind(), now);
            }
            LocalDate today = LocalDate.now(clock.withZone(SiteSettings.DEFAULT_ZONE));
            for (LocalTime[] slot : List.of(new LocalTime[] {LocalTime.of(10, 0), LocalTime.NOON},
                    new LocalTime[] {LocalTime.of(14, 0), LocalTime.of(15, 30)})) {
                made += sql.update("INSERT INTO coworking_bookings (id, site_id, resource_id, member_id, starts_at,"
                        + " ends_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", MessageIds.next().toString(), SITE,
                        meetingRoom, member, at(today, slot[0]), at(today, slot[1]), now);
            }
            return made;
        });
    }

    private static long at(LocalDate day, LocalTime time) {
        return day.atTime(time).atZone(SiteSettings.DEFAULT_ZONE).toInstant().toEpochMilli();
    }
}
