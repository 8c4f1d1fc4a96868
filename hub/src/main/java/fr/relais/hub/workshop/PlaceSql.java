package fr.relais.hub.workshop;

import fr.relais.hub.db.BadCursorException;
import fr.relais.hub.db.Cursor;
import fr.relais.hub.db.Page;
import fr.relais.hub.db.PageRequest;
import fr.relais.hub.db.PagedQuery;
import fr.relais.hub.db.SerialSql;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Statements of the workshops and appointments on the API's connection, serialised on it. The
 * writes are {@link #transaction}s handed the connection, so that the API and the kiosk actions
 * (which run on the ingestion writer's connection) share one piece of code per rule.
 * Blocks on JDBC: never call it on the event loop.
 */
public final class PlaceSql extends SerialSql {
    /** Work done on a connection inside a transaction the caller manages. */
    public interface OnConnection<T> {
        T run(Connection connection) throws java.sql.SQLException;
    }

    public PlaceSql(Connection connection) {
        super(connection, "workshops and appointments");
    }

    public <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... parameters) {
        return query(sql, mapper, parameters).stream().findFirst();
    }

    /** One transaction on this connection; rolled back on any failure (a refusal included). */
    public <T> T transaction(OnConnection<T> work) {
        return transaction(() -> null, () -> work.run(connection));
    }

    /** One page of a keyset-paged list; {@code key} gives the cursor of a row. */
    public <T> Page<T> page(PagedQuery query, PageRequest page, RowMapper<T> mapper, Function<T, List<Object>> key)
            throws BadCursorException {
        List<Object> parameters = query.pageParameters(page);
        long total = query(query.countSql(), row -> row.getLong(1), query.countParameters().toArray()).get(0);
        List<T> rows = query(query.pageSql(page), mapper, parameters.toArray());
        if (rows.size() <= page.limit()) {
            return new Page<>(rows, total, Optional.empty());
        }
        List<T> kept = rows.subList(0, page.limit());
        return new Page<>(kept, total, Optional.of(new Cursor(key.apply(kept.get(kept.size() - 1)))));
    }
}
