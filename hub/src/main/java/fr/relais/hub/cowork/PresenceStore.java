package fr.relais.hub.cowork;

import fr.relais.hub.db.BadCursorException;
import fr.relais.hub.db.Page;
import fr.relais.hub.db.PageRequest;
import fr.relais.hub.db.PagedQuery;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Who is in and who came: the visits {@link AccessEvents} opens and closes. A visit nobody closed
 * ends at the site's autoCheckoutAt; that is applied here before each read (and by the next entry
 * of the member), so that what is shown is right whenever it is asked.
 */
final class PresenceStore {
    private static final String VISIT = "SELECT p.id, p.site_id, p.member_id, m.name, p.door_id, p.checked_in_at,"
            + " p.checked_out_at, p.checkout";
    private static final String FROM = "FROM coworking_presence p LEFT JOIN coworking_members m ON m.id = p.member_id";

    private final CoworkSql sql;
    private final SiteSettingsStore settings;

    PresenceStore(CoworkSql sql, SiteSettingsStore settings) {
        this.sql = sql;
        this.settings = settings;
    }

    /** Closes the site's visits whose automatic check-out time has passed. */
    void autoCheckout(String site, Instant now) {
        SiteSettings of = settings.of(site);
        List<Object[]> open = sql.query("SELECT id, checked_in_at FROM coworking_presence WHERE site_id = ?"
                + " AND checked_out_at IS NULL", row -> new Object[] {row.getString(1), row.getLong(2)}, site);
        for (Object[] visit : open) {
            Instant auto = Visits.autoCheckout(Instant.ofEpochMilli((Long) visit[1]), of);
            if (!auto.isAfter(now)) {
                sql.update("UPDATE coworking_presence SET checked_out_at = ?, checkout = 'auto' WHERE id = ?"
                        + " AND checked_out_at IS NULL", auto.toEpochMilli(), visit[0]);
            }
        }
    }

    /** The sites having a visit still open. */
    List<String> openSites() {
        return sql.query("SELECT DISTINCT site_id FROM coworking_presence WHERE checked_out_at IS NULL",
                row -> row.getString(1));
    }

    /** Who is in now: {memberId, name, since, door}. */
    Page<JsonObject> now(String site, PageRequest page) throws BadCursorException {
        PagedQuery query = new PagedQuery(VISIT, FROM, List.of(CoworkSql.number("p.checked_in_at"),
                CoworkSql.text("p.id")), true).where("p.site_id = ?", site).where("p.checked_out_at IS NULL AND 1 = ?", 1);
        return sql.page(query, page, row -> new JsonObject().put("memberId", row.getString(3))
                .put("name", row.getString(4)).put("since", CoworkJson.at(row.getLong(6))).put("door", row.getString(5))
                .put("id", row.getString(1)), visit -> List.of(Instant.parse(visit.getString("since")).toEpochMilli(),
                visit.getString("id")));
    }

    /** The visits that started in [from, to), newest first. */
    Page<JsonObject> visits(String site, Long from, Long to, PageRequest page) throws BadCursorException {
        PagedQuery query = new PagedQuery(VISIT, FROM, List.of(CoworkSql.number("p.checked_in_at"),
                CoworkSql.text("p.id")), true).where("p.site_id = ?", site).where("p.checked_in_at >= ?", from)
                .where("p.checked_in_at < ?", to);
        return sql.page(query, page, PresenceStore::visit, visit -> List.of(
                Instant.parse(visit.getString("checkedInAt")).toEpochMilli(), visit.getString("id")));
    }

    /**
     * Visits that started in [from, to) grouped by local day or month and member, oldest period
     * first: {period, memberId, name, visits, minutes} (an open visit counts up to {@code now}).
     */
    List<JsonObject> grouped(String site, long from, long to, String group, ZoneId zone, long now) {
        DateTimeFormatter period = DateTimeFormatter.ofPattern(group.equals("month") ? "yyyy-MM" : "yyyy-MM-dd");
        List<JsonObject> visits = sql.query(VISIT + " " + FROM + " WHERE p.site_id = ? AND p.checked_in_at >= ?"
                + " AND p.checked_in_at < ? ORDER BY p.checked_in_at, p.id", PresenceStore::visit, site, from, to);
        Map<String, JsonObject> groups = new TreeMap<>();
        for (JsonObject visit : visits) {
            Instant in = Instant.parse(visit.getString("checkedInAt"));
            String out = visit.getString("checkedOutAt");
            long minutes = ((out == null ? now : Instant.parse(out).toEpochMilli()) - in.toEpochMilli()) / 60_000;
            String key = period.format(in.atZone(zone)) + "\u0000" + visit.getString("memberId");
            JsonObject row = groups.computeIfAbsent(key, k -> new JsonObject()
                    .put("period", period.format(in.atZone(zone))).put("memberId", visit.getString("memberId"))
                    .put("name", visit.getString("name")).put("visits", 0).put("minutes", 0L));
            row.put("visits", row.getInteger("visits") + 1).put("minutes", row.getLong("minutes") + Math.max(0, minutes));
        }
        return new ArrayList<>(groups.values());
    }

    private static JsonObject visit(java.sql.ResultSet row) throws java.sql.SQLException {
        Long out = CoworkSql.nullableLong(row, 7);
        return new JsonObject().put("id", row.getString(1)).put("site", row.getString(2))
                .put("memberId", row.getString(3)).put("name", row.getString(4)).put("door", row.getString(5))
                .put("checkedInAt", CoworkJson.at(row.getLong(6)))
                .put("checkedOutAt", out == null ? null : CoworkJson.at(out)).put("checkout", row.getString(8));
    }
}
