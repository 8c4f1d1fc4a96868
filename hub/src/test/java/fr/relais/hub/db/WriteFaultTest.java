package fr.relais.hub.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import fr.relais.hub.TestDatabase;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

/**
 * Whose fault a failed write is, for each kind of error the hub meets, each raised for real by
 * SQLite or PostgreSQL: only the message's own faults may send it to the dead letters.
 */
class WriteFaultTest {
    @TempDir
    Path dir;

    private Connection sqlite(String name) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(name));
    }

    private static SQLException failure(Connection connection, String sql) {
        return catchThrowableOfType(SQLException.class, () -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        });
    }

    @Test
    void sqliteConstraintsAndTypesAreTheMessagesFault() throws SQLException {
        try (Connection connection = sqlite("constraints.db")) {
            try (Statement sql = connection.createStatement()) {
                sql.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)");
                sql.execute("INSERT INTO t VALUES (1, 'a')");
            }
            assertThat(WriteFault.of(failure(connection, "INSERT INTO t VALUES (2, 'a')"))).as("unique")
                    .isEqualTo(WriteFault.MESSAGE);
            assertThat(WriteFault.of(failure(connection, "INSERT INTO t VALUES (3, NULL)"))).as("not null")
                    .isEqualTo(WriteFault.MESSAGE);
            assertThat(WriteFault.of(failure(connection, "INSERT INTO t VALUES ('x', 'b')"))).as("mismatch")
                    .isEqualTo(WriteFault.MESSAGE);
        }
    }

    @Test
    void aBusySqliteFileIsTheStoragesFault() throws SQLException {
        try (Connection holder = sqlite("busy.db"); Connection writer = sqlite("busy.db")) {
            try (Statement sql = holder.createStatement()) {
                sql.execute("CREATE TABLE t (id INTEGER)");
                sql.execute("BEGIN EXCLUSIVE");
                sql.execute("INSERT INTO t VALUES (1)");
            }
            SQLException busy = failure(writer, "INSERT INTO t VALUES (2)");
            assertThat(busy.getMessage()).contains("SQLITE_BUSY");
            assertThat(WriteFault.of(busy)).isEqualTo(WriteFault.STORAGE);
            assertThat(WriteFault.connectionLost(busy)).as("a busy file leaves the connection usable").isFalse();
        }
    }

    @Test
    void aReadOnlyOrFullSqliteFileIsTheStoragesFault() throws SQLException {
        try (Connection connection = sqlite("full.db"); Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE t (payload BLOB)");
        }
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        try (Connection connection = readOnly.createConnection("jdbc:sqlite:" + dir.resolve("full.db"))) {
            SQLException refused = failure(connection, "INSERT INTO t VALUES (x'00')");
            assertThat(refused.getMessage()).contains("SQLITE_READONLY");
            assertThat(WriteFault.of(refused)).isEqualTo(WriteFault.STORAGE);
            assertThat(WriteFault.connectionLost(refused)).as("a read-only connection stays so: reopen").isTrue();
        }
        try (Connection connection = sqlite("full.db"); Statement sql = connection.createStatement()) {
            // The file may not grow past its current pages: SQLite's own "database or disk is full".
            sql.execute("PRAGMA max_page_count = 3");
            SQLException full = failure(connection, "INSERT INTO t VALUES (zeroblob(100000))");
            assertThat(full.getMessage()).contains("SQLITE_FULL");
            assertThat(WriteFault.of(full)).isEqualTo(WriteFault.STORAGE);
        }
    }

    @Test
    void aClosedConnectionIsTheStoragesFault() throws SQLException {
        Connection connection = sqlite("closed.db");
        connection.close();
        assertThat(WriteFault.of(failure(connection, "SELECT 1"))).isEqualTo(WriteFault.STORAGE);
    }

    /**
     * PgJDBC throws an AssertionError ("getAutoCommit() should not throw") when the server goes
     * away in the middle of a batch, as StorageOutageTest met it: the storage's fault, retried,
     * never a dead letter (the writer catches it rather than dying of it).
     */
    @Test
    void theDriversOwnAssertionWhenTheServerGoesIsTheStoragesFault() {
        assertThat(WriteFault.of(new AssertionError("pgStatement.getConnection().getAutoCommit() should not throw")))
                .isEqualTo(WriteFault.STORAGE);
    }

    @Test
    void postgresDataAndConstraintErrorsAreTheMessagesFault(@TempDir Path unused) throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.POSTGRESQL, unused);
             Connection connection = DriverManager.getConnection(database.url())) {
            try (Statement sql = connection.createStatement()) {
                sql.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, code VARCHAR(3))");
                sql.execute("INSERT INTO t VALUES (1, 'a')");
            }
            assertThat(WriteFault.of(failure(connection, "INSERT INTO t VALUES (1, 'b')"))).as("23505")
                    .isEqualTo(WriteFault.MESSAGE);
            assertThat(WriteFault.of(failure(connection, "INSERT INTO t VALUES (2, 'abcd')"))).as("22001")
                    .isEqualTo(WriteFault.MESSAGE);
            assertThat(WriteFault.of(failure(connection, "INSERT INTO t VALUES ('two', 'b')"))).as("22P02")
                    .isEqualTo(WriteFault.MESSAGE);
        }
    }

    @Test
    void anUnreachableOrTerminatedPostgresIsTheStoragesFault(@TempDir Path unused) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SQLException refused = catchThrowableOfType(SQLException.class, () ->
                DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + closedPort + "/test?user=postgres"));
        assertThat(refused.getSQLState()).startsWith("08");
        assertThat(WriteFault.of(refused)).isEqualTo(WriteFault.STORAGE);
        assertThat(WriteFault.connectionLost(refused)).isTrue();

        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.POSTGRESQL, unused);
             Connection victim = DriverManager.getConnection(database.url());
             Connection admin = DriverManager.getConnection(database.url())) {
            int pid;
            try (Statement sql = victim.createStatement(); var row = sql.executeQuery("SELECT pg_backend_pid()")) {
                row.next();
                pid = row.getInt(1);
            }
            try (Statement sql = admin.createStatement()) {
                sql.execute("SELECT pg_terminate_backend(" + pid + ")");
            }
            // What a restarting server does to its sessions: 57P01, then the socket is gone.
            SQLException terminated = failure(victim, "SELECT 1");
            assertThat(WriteFault.of(terminated)).isEqualTo(WriteFault.STORAGE);
            assertThat(WriteFault.connectionLost(terminated) || victim.isClosed()).isTrue();
        }
    }

    @Test
    void aCrossedTransactionIsAConflictAndAnUnknownDatabaseErrorTheStorages() {
        assertThat(WriteFault.of(new SQLException("deadlock detected", "40P01"))).isEqualTo(WriteFault.CONFLICT);
        assertThat(WriteFault.of(new StoreException("wrapped", new SQLException("could not serialize", "40001"))))
                .isEqualTo(WriteFault.CONFLICT);
        assertThat(WriteFault.of(new SQLException("no state at all"))).isEqualTo(WriteFault.STORAGE);
        assertThat(WriteFault.of(new SQLException("disk full", "53100"))).isEqualTo(WriteFault.STORAGE);
        assertThat(WriteFault.of(new SQLException("cannot connect now", "57P03"))).isEqualTo(WriteFault.STORAGE);
        assertThat(WriteFault.of(new java.io.IOException("not even SQL"))).isEqualTo(WriteFault.STORAGE);
    }

    @Test
    void aHubFailureOnOneMessageWithNoDatabaseErrorIsThatMessagesFault() {
        // Retrying it would stop ingestion for the whole fleet; its dead letter keeps it whole.
        assertThat(WriteFault.of(new IllegalArgumentException("metric name too long"))).isEqualTo(WriteFault.MESSAGE);
    }
}
