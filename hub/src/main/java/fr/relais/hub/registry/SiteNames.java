package fr.relais.hub.registry;

import fr.relais.hub.db.Database;
import fr.relais.hub.db.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A site's name and kind, changed on purpose by an administrator after the inventory changed
 * ({@code PATCH /api/sites/{id}}): births never rename a site ({@link BirthWriter}). One
 * statement in auto-commit on the commands' connection, like {@link CommandStore}'s writes; a
 * technician's rename never waits behind ingestion. Blocks on JDBC: never call it on the event loop.
 */
public final class SiteNames {
    private final Connection connection;

    public SiteNames(Database database) {
        this.connection = database.commands();
    }

    /** The site as it is now, or empty if there is none of that id. Null name or kind: unchanged. */
    public Optional<Views.Site> change(String id, String name, String kind, long at) {
        try (PreparedStatement update = connection.prepareStatement("UPDATE sites SET name = COALESCE(?, name),"
                + " kind = COALESCE(?, kind), updated_at = ? WHERE id = ?")) {
            update.setString(1, name);
            update.setString(2, kind);
            update.setLong(3, at);
            update.setString(4, id);
            if (update.executeUpdate() == 0) {
                return Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot rename site " + id + ": " + e.getMessage(), e);
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT id, name, kind FROM sites WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new Views.Site(row.getString(1), row.getString(2), row.getString(3)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read site " + id + ": " + e.getMessage(), e);
        }
    }
}
