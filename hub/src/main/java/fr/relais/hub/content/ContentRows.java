package fr.relais.hub.content;

import fr.relais.hub.db.Sql;
import fr.relais.protocol.content.PlaceContent;
import java.sql.Connection;
import java.util.List;

/** What the publisher reads itself: the sites' nodes and the answers to each node's kiosk actions. */
final class ContentRows extends Sql {
    /** A node's content carries at most this many answers (the newest). */
    static final int MAX_ANSWERS = 200;

    ContentRows(Connection connection) {
        super(connection, "kiosk content");
    }

    /** Every site with a node, whatever its kind. */
    List<String> sites() {
        return query("SELECT DISTINCT site_id FROM nodes ORDER BY site_id", row -> row.getString(1));
    }

    /** Every node as {@code site/node}: a node seen for the first time is published to at once. */
    List<String> siteNodes() {
        return query("SELECT site_id, id FROM nodes ORDER BY site_id, id",
                row -> row.getString(1) + "/" + row.getString(2));
    }

    List<String> nodes(String site) {
        return query("SELECT id FROM nodes WHERE site_id = ? ORDER BY id", row -> row.getString(1), site);
    }

    /** The node's answers given since {@code since} (epoch ms), newest first. */
    List<PlaceContent.Answer> answers(String node, long since) {
        return query("SELECT action_id, status, code, message FROM kiosk_answers WHERE node_id = ?"
                + " AND answered_at >= ? ORDER BY answered_at DESC, action_id LIMIT " + MAX_ANSWERS,
                row -> new PlaceContent.Answer(row.getString(1), row.getString(2), row.getString(3), row.getString(4)),
                node, since);
    }
}
