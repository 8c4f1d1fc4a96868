package fr.relais.hub;

import fr.relais.hub.db.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh database of each kind the hub supports, so that every store test runs on both:
 * SQLite in a temporary file, and PostgreSQL in a schema of its own, dropped afterwards.
 * PostgreSQL is a real server (127.0.0.1:5432, database {@code test}, user {@code postgres},
 * or {@code RELAIS_TEST_POSTGRES_URL}); if it cannot be reached the test fails and says how to
 * get one, it is never skipped.
 */
public final class TestDatabase implements AutoCloseable {
    /** The databases the hub stores into. */
    public enum Kind {
        SQLITE, POSTGRESQL
    }

    static final String DEFAULT_POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    private final String url;
    private final String schema;

    private TestDatabase(String url, String schema) {
        this.url = url;
        this.schema = schema;
    }

    public static TestDatabase create(Kind kind, Path dir) {
        if (kind == Kind.SQLITE) {
            return new TestDatabase(Database.sqliteUrl(dir.resolve("hub-" + UUID.randomUUID() + ".db")), null);
        }
        String base = postgresUrl();
        String schema = "relais_test_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = DriverManager.getConnection(base);
             Statement sql = connection.createStatement()) {
            sql.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is needed for the hub's tests at " + Database.describe(base)
                    + " (" + e.getMessage() + "). Install it with `sudo apt-get install postgresql` and allow"
                    + " the postgres user on 127.0.0.1 (or run `./relais test` as root, which does both), or point"
                    + " RELAIS_TEST_POSTGRES_URL at a server.", e);
        }
        return new TestDatabase(base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema, schema);
    }

    public String url() {
        return url;
    }

    private static String postgresUrl() {
        String configured = System.getenv("RELAIS_TEST_POSTGRES_URL");
        return configured == null || configured.isBlank() ? DEFAULT_POSTGRES_URL : configured;
    }

    @Override
    public void close() throws SQLException {
        if (schema != null) {
            try (Connection connection = DriverManager.getConnection(postgresUrl());
                 Statement sql = connection.createStatement()) {
                sql.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }
}
