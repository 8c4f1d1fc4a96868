package fr.relais.hub.place;

import fr.relais.hub.db.Sql;
import java.sql.Connection;

/**
 * Statements of the workshops and appointments on the API's connection, serialised on it. The
 * writes are {@link #transaction}s handed the connection, so that the API and the kiosk actions
 * (which run on the ingestion writer's connection) share one piece of code per rule.
 * Blocks on JDBC: never call it on the event loop. In {@code place}, not in a feature, because workshop
 * and appointment both use it: they depend on place, never on each other.
 */
public final class BookingSql extends Sql {
    /** Work done on a connection inside a transaction the caller manages. */
    public interface OnConnection<T> {
        T run(Connection connection) throws java.sql.SQLException;
    }

    public BookingSql(Connection connection) {
        super(connection, "workshops and appointments");
    }

    /** One transaction on this connection; rolled back on any failure (a refusal included). */
    public <T> T transaction(OnConnection<T> work) {
        return transaction(() -> null, () -> work.run(connection));
    }
}
