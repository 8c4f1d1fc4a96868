package fr.relais.hub.cowork;

import fr.relais.hub.access.AccessChanges;
import fr.relais.hub.db.Sql;
import fr.relais.hub.ingest.write.StoredEvents;
import fr.relais.protocol.ClockConfidence;
import fr.relais.protocol.Event;
import fr.relais.protocol.Ids;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the doors' events mean for coworking, written in the ingestion writer's transaction (so a
 * redelivered event, dropped as a duplicate before, is never counted twice, and nothing is written
 * for a batch that rolls back): {@code access-granted}/{@code access-denied} become access log
 * rows, a granted entry checks the member in, a granted exit checks them out, a pack day used is
 * counted once per member and local day; an unknown badge (refused as unknown, or read by a reader
 * without door: {@code badge}) is kept for enrolment. A field that is missing or malformed is left
 * out, never a reason to refuse the event: it is stored as an event all the same.
 */
public final class AccessEvents implements StoredEvents {
    private static final Logger LOG = LoggerFactory.getLogger(AccessEvents.class);
    static final String GRANTED = "access-granted";
    static final String DENIED = "access-denied";
    static final String BADGE = "badge";
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern WORD = Pattern.compile("[a-z][a-z-]{0,39}");
    /** Unknown reads are shown for 5 minutes; kept a day for what a technician may ask. */
    private static final Duration KEEP_UNKNOWN = Duration.ofDays(1);

    private final AccessChanges changes;
    private final Set<String> changedSites = new LinkedHashSet<>();

    public AccessEvents(AccessChanges changes) {
        this.changes = changes;
    }

    @Override
    public void stored(Connection writer, String site, String node, Event event, long receivedAt) throws SQLException {
        String type = event.type();
        if (!type.equals(GRANTED) && !type.equals(DENIED) && !type.equals(BADGE)) {
            return;
        }
        Map<String, Object> data = event.data();
        String id = event.envelope().msgId().toString();
        String hash = match(data.get("badgeHash"), HASH);
        String reader = id(data.get("reader"));
        if (type.equals(BADGE)) {
            if (hash != null && !enrolled(writer, site, hash)) {
                unknownRead(writer, id, site, node, reader != null ? reader : event.device().orElse(null), null, hash,
                        receivedAt);
            }
            return;
        }
        // The door's own clock when it was synchronised: events replayed after an outage keep their time.
        long at = event.envelope().clock() == ClockConfidence.SYNCED ? event.envelope().ts().toEpochMilli()
                : receivedAt;
        String door = id(data.get("door"));
        if (door == null) {
            door = event.device().orElse(null);
        }
        String member = id(data.get("member"));
        if (member == null && hash != null) {
            member = memberOf(writer, site, hash);
        }
        String reason = match(data.get("reason"), WORD);
        String direction = "exit".equals(data.get("direction")) ? "exit" : "entry";
        boolean granted = type.equals(GRANTED);
        update(writer, "INSERT INTO coworking_access_log (id, site_id, node_id, door_id, reader_id, member_id,"
                + " decision, reason, direction, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                id, site, node, door, reader, member, granted ? "granted" : "denied", reason == null ? "unreported"
                        : reason, direction, at);
        if (!granted && "unknown".equals(reason) && hash != null) {
            unknownRead(writer, id, site, node, reader, door, hash, receivedAt);
        }
        if (!granted || member == null) {
            return;
        }
        if (direction.equals("exit")) {
            update(writer, "UPDATE coworking_presence SET checked_out_at = ?, checkout = 'exit'"
                    + " WHERE member_id = ? AND checked_out_at IS NULL AND checked_in_at <= ?", at, member, at);
        } else {
            checkIn(writer, id, site, member, door, at);
        }
        LocalDate packDay = day(data.get("packDay"));
        if (packDay != null && update(writer, "INSERT INTO coworking_pack_days (member_id, day, at) VALUES (?, ?, ?)"
                + " ON CONFLICT (member_id, day) DO NOTHING", member, packDay.toString(), at) == 1) {
            update(writer, "UPDATE coworking_members SET pack_days_left = pack_days_left - 1"
                    + " WHERE id = ? AND pack_days_left > 0", member);
            changedSites.add(site);
        }
    }

    @Override
    public void committed() {
        for (String site : changedSites) {
            try {
                changes.changed(site);
            } catch (RuntimeException e) {
                LOG.error("the access lists of site {} could not be told of a pack day used", site, e);
            }
        }
        changedSites.clear();
    }

    @Override
    public void rolledBack() {
        changedSites.clear();
    }

    /** Closes a visit left open past the site's auto check-out, then opens one unless one is open. */
    private void checkIn(Connection writer, String id, String site, String member, String door, long at)
            throws SQLException {
        SiteSettings settings = settings(writer, site);
        String openId = null;
        long openSince = 0;
        java.util.List<Object[]> open = Sql.query(writer, "SELECT id, checked_in_at FROM coworking_presence"
                + " WHERE member_id = ? AND checked_out_at IS NULL", row -> new Object[] {row.getString(1), row.getLong(2)},
                member);
        for (Object[] visit : open) {
            long since = (Long) visit[1];
            Instant auto = Visits.autoCheckout(Instant.ofEpochMilli(since), settings);
            if (!auto.isAfter(Instant.ofEpochMilli(at))) {
                update(writer, "UPDATE coworking_presence SET checked_out_at = ?, checkout = 'auto' WHERE id = ?",
                        auto.toEpochMilli(), visit[0]);
            } else {
                openId = (String) visit[0];
                openSince = since;
            }
        }
        if (openId == null) {
            update(writer, "INSERT INTO coworking_presence (id, site_id, member_id, door_id, checked_in_at)"
                    + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING", id, site, member, door, at);
        } else if (at < openSince) {
            // An older entry replayed late: the visit started then.
            update(writer, "UPDATE coworking_presence SET checked_in_at = ? WHERE id = ?", at, openId);
        }
    }

    private static void unknownRead(Connection writer, String id, String site, String node, String reader, String door,
                                    String hash, long at) throws SQLException {
        update(writer, "DELETE FROM coworking_unknown_reads WHERE site_id = ? AND at < ?", site,
                at - KEEP_UNKNOWN.toMillis());
        update(writer, "INSERT INTO coworking_unknown_reads (id, site_id, node_id, reader_id, door_id, badge_hash, at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING", id, site, node, reader, door, hash, at);
    }

    private static boolean enrolled(Connection writer, String site, String hash) throws SQLException {
        return memberOf(writer, site, hash) != null;
    }

    private static String memberOf(Connection writer, String site, String hash) throws SQLException {
        return Sql.one(writer, "SELECT member_id FROM coworking_badges WHERE site_id = ? AND badge_hash = ?",
                row -> row.getString(1), site, hash).orElse(null);
    }

    private static SiteSettings settings(Connection writer, String site) throws SQLException {
        return Sql.one(writer, "SELECT time_zone, booking_margin_minutes, auto_checkout_at FROM coworking_sites"
                + " WHERE site_id = ?", row -> new SiteSettings(site, ZoneId.of(row.getString(1)), row.getInt(2),
                LocalTime.parse(row.getString(3))), site).orElseGet(() -> SiteSettings.defaults(site));
    }

    private static int update(Connection writer, String sql, Object... parameters) throws SQLException {
        return Sql.update(writer, sql, parameters);
    }

    private static String id(Object value) {
        return value instanceof String text && Ids.isValid(text) ? text : null;
    }

    private static String match(Object value, Pattern pattern) {
        return value instanceof String text && pattern.matcher(text).matches() ? text : null;
    }

    private static LocalDate day(Object value) {
        if (!(value instanceof String text) || text.length() != 10) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
