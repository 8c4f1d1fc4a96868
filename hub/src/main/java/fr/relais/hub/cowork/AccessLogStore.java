package fr.relais.hub.cowork;

import fr.relais.hub.db.BadCursorException;
import fr.relais.hub.db.Page;
import fr.relais.hub.db.PageRequest;
import fr.relais.hub.db.PagedQuery;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The doors' decisions ({@link AccessEvents} writes them), newest first, with the member's name. */
final class AccessLogStore {
    private final CoworkSql sql;

    AccessLogStore(CoworkSql sql) {
        this.sql = sql;
    }

    Page<JsonObject> list(String site, Long from, Long to, String member, PageRequest page) throws BadCursorException {
        PagedQuery query = new PagedQuery("SELECT l.id, l.at, l.site_id, l.node_id, l.door_id, l.reader_id,"
                + " l.member_id, m.name, l.decision, l.reason, l.direction",
                "FROM coworking_access_log l LEFT JOIN coworking_members m ON m.id = l.member_id",
                List.of(CoworkSql.number("l.at"), CoworkSql.text("l.id")), true)
                .where("l.site_id = ?", site).where("l.at >= ?", from).where("l.at < ?", to)
                .where("l.member_id = ?", member);
        return sql.page(query, page, row -> new JsonObject().put("id", row.getString(1))
                .put("at", CoworkJson.at(row.getLong(2))).put("site", row.getString(3)).put("node", row.getString(4))
                .put("door", row.getString(5)).put("reader", row.getString(6)).put("memberId", row.getString(7))
                .put("name", row.getString(8)).put("decision", row.getString(9)).put("reason", row.getString(10))
                .put("direction", row.getString(11)), entry -> List.of(
                        java.time.Instant.parse(entry.getString("at")).toEpochMilli(), entry.getString("id")));
    }
}
