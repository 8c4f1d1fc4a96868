package fr.relais.hub.cowork;

import fr.relais.hub.db.BadCursorException;
import fr.relais.hub.db.Page;
import fr.relais.hub.db.PageRequest;
import fr.relais.hub.db.PagedQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The coworking_resources table: rooms and desks. */
final class ResourceStore {
    static final String COLUMNS = "SELECT id, site_id, name, kind, door_id, created_at";

    private final CoworkSql sql;

    ResourceStore(CoworkSql sql) {
        this.sql = sql;
    }

    Page<Resource> list(String site, PageRequest page) throws BadCursorException {
        PagedQuery query = new PagedQuery(COLUMNS, "FROM coworking_resources", List.of(CoworkSql.text("id")), false)
                .where("site_id = ?", site);
        return sql.page(query, page, ResourceStore::resource, resource -> List.of(resource.id()));
    }

    Optional<Resource> find(String id) {
        return sql.one(COLUMNS + " FROM coworking_resources WHERE id = ?", ResourceStore::resource, id);
    }

    Resource create(Resource resource) {
        sql.inSiteTransaction(resource.site(), () -> sql.update("INSERT INTO coworking_resources (id, site_id, name,"
                + " kind, door_id, created_at) VALUES (?, ?, ?, ?, ?, ?)", resource.id(), resource.site(),
                resource.name(), resource.kind(), resource.door(), resource.createdAt()));
        return resource;
    }

    static Resource resource(ResultSet row) throws SQLException {
        return new Resource(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                row.getLong(6));
    }
}
