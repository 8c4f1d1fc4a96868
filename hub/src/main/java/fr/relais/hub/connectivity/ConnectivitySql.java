package fr.relais.hub.connectivity;

import fr.relais.hub.db.Sql;
import java.sql.Connection;

/**
 * Statements of the broadband read model: on the housekeeping connection inside the rollup's
 * transaction (RollupProgress commits or rolls back), and on the places' connection for the API.
 */
final class ConnectivitySql extends Sql {
    ConnectivitySql(Connection connection) {
        super(connection, "broadband per commune");
    }
}
