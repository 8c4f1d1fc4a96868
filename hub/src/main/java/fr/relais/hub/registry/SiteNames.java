package fr.relais.hub.registry;

import fr.relais.hub.db.Database;
import fr.relais.hub.db.Sql;
import java.util.Optional;

/**
 * A site's name and kind, changed on purpose by an administrator after the inventory changed
 * ({@code PATCH /api/sites/{id}}): births never rename a site ({@link BirthWriter}). One
 * statement in auto-commit on the commands' connection, like {@link CommandStore}'s writes; a
 * technician's rename never waits behind ingestion. Blocks on JDBC: never call it on the event loop.
 */
public final class SiteNames {
    private final Sql sql;

    public SiteNames(Database database) {
        this.sql = new Sql(database.commands(), "sites");
    }

    /** The site as it is now, or empty if there is none of that id. Null name or kind: unchanged. */
    public Optional<Views.Site> change(String id, String name, String kind, long at) {
        if (sql.update("UPDATE sites SET name = COALESCE(?, name), kind = COALESCE(?, kind), updated_at = ?"
                + " WHERE id = ?", name, kind, at, id) == 0) {
            return Optional.empty();
        }
        return sql.one("SELECT id, name, kind FROM sites WHERE id = ?",
                row -> new Views.Site(row.getString(1), row.getString(2), row.getString(3)), id);
    }
}
