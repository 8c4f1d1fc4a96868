package fr.relais.hub.content;

import fr.relais.hub.db.Sql;
import fr.relais.protocol.ClockConfidence;
import fr.relais.protocol.Event;
import fr.relais.protocol.Ids;
import fr.relais.protocol.content.KioskActions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A coworker badging at the kiosk ({@code coworking-checkin}): checked in or out in
 * {@code coworking_presence} as a door's granted entry or exit does ({@code cowork.AccessEvents}):
 * an entry opens a visit unless one is open (a visit left open past the site's automatic
 * check-out is closed first, at that time), an exit closes the open one. The agent decided from
 * its access list; the member is the one it names, else the badge's enrolled member. An unknown
 * badge or garbage is refused with a French message.
 */
public final class CoworkingCheckin implements KioskActionHandler {
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    static final String UNKNOWN = "Badge inconnu : adressez-vous à l'accueil du coworking.";
    static final String UNREADABLE = "Le passage n'a pas pu être enregistré : réessayez.";

    @Override
    public String type() {
        return KioskActions.COWORKING_CHECKIN;
    }

    @Override
    public Optional<ActionAnswer> handle(Connection writer, String site, String node, Event event, long receivedAt)
            throws SQLException {
        Map<String, Object> data = event.data();
        String hash = data.get("badgeHash") instanceof String text && HASH.matcher(text).matches() ? text : null;
        Object direction = data.get("direction");
        if (hash == null || !("entry".equals(direction) || "exit".equals(direction))) {
            return Optional.of(ActionAnswer.refused(UNREADABLE));
        }
        String member = data.get("member") instanceof String text && Ids.isValid(text) ? text : null;
        if (member == null || !memberOf(writer, site, member)) {
            member = memberByBadge(writer, site, hash);
        }
        if (member == null) {
            return Optional.of(ActionAnswer.refused(UNKNOWN));
        }
        long at = event.envelope().clock() == ClockConfidence.SYNCED ? event.envelope().ts().toEpochMilli()
                : receivedAt;
        if (direction.equals("exit")) {
            update(writer, "UPDATE coworking_presence SET checked_out_at = ?, checkout = 'exit'"
                    + " WHERE member_id = ? AND checked_out_at IS NULL AND checked_in_at <= ?", at, member, at);
        } else {
            checkIn(writer, event.envelope().msgId().toString(), site, member, at);
        }
        return Optional.of(ActionAnswer.done(null));
    }

    private static void checkIn(Connection writer, String id, String site, String member, long at)
            throws SQLException {
        Optional<Object[]> settings = Sql.one(writer, "SELECT time_zone, auto_checkout_at FROM coworking_sites"
                + " WHERE site_id = ?", row -> new Object[] {ZoneId.of(row.getString(1)), LocalTime.parse(row.getString(2))},
                site);
        ZoneId zone = settings.map(row -> (ZoneId) row[0]).orElse(ZoneId.of("Europe/Paris"));
        LocalTime autoAt = settings.map(row -> (LocalTime) row[1]).orElse(LocalTime.MIDNIGHT);
        List<Object[]> open = Sql.query(writer, "SELECT id, checked_in_at FROM coworking_presence"
                + " WHERE member_id = ? AND checked_out_at IS NULL", row -> new Object[] {row.getString(1), row.getLong(2)},
                member);
        boolean stillIn = false;
        for (Object[] visit : open) {
            long auto = autoCheckout((Long) visit[1], zone, autoAt);
            if (auto <= at) {
                update(writer, "UPDATE coworking_presence SET checked_out_at = ?, checkout = 'auto' WHERE id = ?",
                        auto, visit[0]);
            } else {
                stillIn = true;
            }
        }
        if (!stillIn) {
            update(writer, "INSERT INTO coworking_presence (id, site_id, member_id, door_id, checked_in_at)"
                    + " VALUES (?, ?, ?, NULL, ?) ON CONFLICT (id) DO NOTHING", id, site, member, at);
        }
    }

    /** As {@code cowork.Visits}: the site's check-out time, local, after the entry. */
    static long autoCheckout(long checkedIn, ZoneId zone, LocalTime at) {
        ZonedDateTime entry = Instant.ofEpochMilli(checkedIn).atZone(zone);
        LocalDateTime candidate = entry.toLocalDate().atTime(at);
        if (!candidate.isAfter(entry.toLocalDateTime())) {
            candidate = candidate.plusDays(1);
        }
        return candidate.atZone(zone).toInstant().toEpochMilli();
    }

    private static boolean memberOf(Connection writer, String site, String member) throws SQLException {
        return Sql.one(writer, "SELECT 1 FROM coworking_members WHERE id = ? AND site_id = ?", row -> true, member,
                site).isPresent();
    }

    private static String memberByBadge(Connection writer, String site, String hash) throws SQLException {
        return Sql.one(writer, "SELECT member_id FROM coworking_badges WHERE site_id = ? AND badge_hash = ?",
                row -> row.getString(1), site, hash).orElse(null);
    }

    private static void update(Connection writer, String sql, Object... parameters) throws SQLException {
        Sql.update(writer, sql, parameters);
    }
}
