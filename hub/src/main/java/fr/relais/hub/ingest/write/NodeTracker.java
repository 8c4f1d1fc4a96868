package fr.relais.hub.ingest.write;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The site of each node, which the writer checks every message against without a query. Owned
 * by the writer thread; loaded from the database when the hub starts. Everything else about a
 * node (its connection, its sequence numbers) lives in the database only, since other hubs
 * write it too; for the same reason a node that seems to have moved is looked up again before
 * its message is refused.
 */
final class NodeTracker {
    private final Map<String, String> sites = new HashMap<>();
    private PreparedStatement select;

    void load(Connection connection) throws SQLException {
        sites.clear();
        try (Statement all = connection.createStatement();
             ResultSet row = all.executeQuery("SELECT id, site_id FROM nodes")) {
            while (row.next()) {
                sites.put(row.getString(1), row.getString(2));
            }
        }
    }

    /** The node's site as last seen, or null if the node was never seen. */
    String site(String node) {
        return sites.get(node);
    }

    /** The node's site as the database says now (another hub may have moved or created it). */
    String refresh(Connection connection, String node) throws SQLException {
        if (select == null) {
            select = connection.prepareStatement("SELECT site_id FROM nodes WHERE id = ?");
        }
        select.setString(1, node);
        try (ResultSet row = select.executeQuery()) {
            String site = row.next() ? row.getString(1) : null;
            if (site == null) {
                sites.remove(node);
            } else {
                sites.put(node, site);
            }
            return site;
        }
    }

    void put(String node, String site) {
        sites.put(node, site);
    }
}
