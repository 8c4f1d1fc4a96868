package fr.relais.hub.auth;

import fr.relais.hub.db.Sql;
import java.sql.Connection;

/**
 * Statements on the accounts' connection, serialised on it: the account, session, token and
 * audit stores share it. Blocks on JDBC: never call it on the event loop.
 */
final class AuthSql extends Sql {
    AuthSql(Connection connection) {
        super(connection, "accounts");
    }

    /** Runs several statements as one transaction. */
    <T> T inTransaction(Work<T> work) {
        return transaction(() -> null, work);
    }
}
