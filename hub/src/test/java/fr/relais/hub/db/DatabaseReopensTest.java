package fr.relais.hub.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import fr.relais.hub.PrivatePostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every role's connection works again after PostgreSQL restarted, without reopening the
 * {@link Database}: a private server, stopped and started as a restarting service would be.
 */
class DatabaseReopensTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static Map<String, Connection> roles(Database database) {
        return Map.of("writer", database.writer(), "reader", database.reader(), "commands", database.commands(),
                "alerts", database.alerts(), "housekeeping", database.housekeeping(), "history", database.history(),
                "accounts", database.accounts());
    }

    /** One use of a connection as its role uses it: a prepared statement kept across uses, a commit if manual. */
    private static long count(Connection connection, PreparedStatement kept) throws SQLException {
        try (ResultSet row = kept.executeQuery()) {
            row.next();
            long sites = row.getLong(1);
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            return sites;
        } catch (SQLException e) {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            throw e;
        }
    }

    @Test
    void everyRoleWorksAgainAfterPostgresRestarts() throws Exception {
        try (PrivatePostgres postgres = PrivatePostgres.start(); Database database = Database.open(postgres.url())) {
            Map<String, Connection> roles = roles(database);
            Map<String, PreparedStatement> kept = new java.util.HashMap<>();
            for (var role : roles.entrySet()) {
                kept.put(role.getKey(), role.getValue().prepareStatement("SELECT COUNT(*) FROM sites"));
                assertThat(count(role.getValue(), kept.get(role.getKey()))).as(role.getKey()).isZero();
            }

            postgres.stop();
            for (var role : roles.entrySet()) {
                SQLException down = catchThrowableOfType(SQLException.class,
                        () -> count(role.getValue(), kept.get(role.getKey())));
                assertThat(WriteFault.of(down)).as(role.getKey() + " while the server is down").isEqualTo(WriteFault.STORAGE);
            }
            postgres.up();

            for (var role : roles.entrySet()) {
                await(role.getKey()).atMost(PATIENCE).ignoreExceptions()
                        .until(() -> count(role.getValue(), kept.get(role.getKey())) == 0);
            }
            try (var insert = database.writer().prepareStatement(
                    "INSERT INTO sites (id, name, kind, updated_at) VALUES ('rozoy', 'Rozoy', 'mediation', 1)")) {
                insert.executeUpdate();
                database.writer().commit();
            }
            assertThat(count(database.reader(), kept.get("reader"))).as("the writer's commit, seen by a reader")
                    .isEqualTo(1);
        }
    }

    @Test
    void aTransactionCutByARestartIsNeverFinishedOnANewConnection() throws Exception {
        try (PrivatePostgres postgres = PrivatePostgres.start(); Database database = Database.open(postgres.url())) {
            Connection writer = database.writer();
            try (var insert = writer.prepareStatement(
                    "INSERT INTO sites (id, name, kind, updated_at) VALUES (?, 'Site', 'mediation', 1)")) {
                insert.setString(1, "before-the-restart");
                insert.executeUpdate();
                postgres.restart();
                insert.setString(1, "after-the-restart");
                SQLException cut = catchThrowableOfType(SQLException.class, insert::executeUpdate);
                assertThat(WriteFault.of(cut)).isEqualTo(WriteFault.STORAGE);
                SQLException refused = catchThrowableOfType(SQLException.class, insert::executeUpdate);
                assertThat(refused.getMessage()).as("no statement runs before the rollback").contains("roll back first");
                assertThat((Throwable) catchThrowableOfType(SQLException.class, writer::commit)).as("nor a commit").isNotNull();
                writer.rollback();
            }
            // The reader's own connection was cut too: used within a second of the restart, it
            // may fail once before it is replaced.
            PreparedStatement sites = database.reader().prepareStatement("SELECT COUNT(*) FROM sites");
            long count = await().atMost(PATIENCE).ignoreExceptions().until(() -> count(database.reader(), sites),
                    rows -> rows >= 0);
            assertThat(count).as("neither half of the cut transaction was committed").isZero();
        }
    }

    /**
     * The writer's hot statements are {@link DirectStatement}s, not the connection's proxies: the
     * same guarantees. A transaction cut by a restart fails, nothing runs until the rollback, then
     * the statement is prepared again on the new connection; the cut half is never committed.
     */
    @Test
    void aDirectStatementFollowsItsConnectionThroughARestart() throws Exception {
        try (PrivatePostgres postgres = PrivatePostgres.start(); Database database = Database.open(postgres.url())) {
            Connection writer = database.writer();
            try (DirectStatement insert = DirectStatement.prepare(writer,
                    "INSERT INTO sites (id, name, kind, updated_at) VALUES (?, 'Site', 'mediation', 1)")) {
                insert.setString(1, "before-the-restart");
                assertThat(insert.executeUpdate()).isEqualTo(1);
                writer.commit();
                insert.setString(1, "cut-by-the-restart");
                insert.executeUpdate();
                postgres.restart();
                insert.setString(1, "after-the-restart");
                SQLException cut = catchThrowableOfType(SQLException.class, insert::executeUpdate);
                assertThat(WriteFault.of(cut)).isEqualTo(WriteFault.STORAGE);
                SQLException refused = catchThrowableOfType(SQLException.class, insert::executeUpdate);
                assertThat(refused.getMessage()).as("no statement runs before the rollback").contains("roll back first");
                writer.rollback();
                await().atMost(PATIENCE).ignoreExceptions().until(() -> {
                    try {
                        insert.setString(1, "after-the-restart");
                        int inserted = insert.executeUpdate();
                        writer.commit();
                        return inserted == 1;
                    } catch (SQLException e) {
                        writer.rollback();
                        throw e;
                    }
                });
            }
            PreparedStatement sites = database.reader().prepareStatement("SELECT COUNT(*) FROM sites");
            long count = await().atMost(PATIENCE).ignoreExceptions().until(() -> count(database.reader(), sites),
                    rows -> rows >= 0);
            assertThat(count).as("before and after the restart, not the cut transaction").isEqualTo(2);
        }
    }

    /**
     * A row bound in one call ({@link DirectStatement#addBatch(DirectStatement.Row)}, the readings'
     * and the batch-end updates' way) keeps the same guarantees: batched rows of a transaction cut
     * by a restart are refused until the rollback, then the statement runs on the new connection.
     */
    @Test
    void aRowBoundInOneCallFollowsItsConnectionThroughARestart() throws Exception {
        try (PrivatePostgres postgres = PrivatePostgres.start(); Database database = Database.open(postgres.url())) {
            Connection writer = database.writer();
            try (DirectStatement insert = DirectStatement.prepare(writer,
                    "INSERT INTO sites (id, name, kind, updated_at) VALUES (?, ?, 'mediation', 1)")) {
                insert.addBatch(row -> {
                    row.setString(1, "before-the-restart");
                    row.setString(2, "Site");
                });
                assertThat(insert.executeBatch()).containsExactly(1);
                writer.commit();
                insert.addBatch(row -> {
                    row.setString(1, "cut-by-the-restart");
                    row.setString(2, "Site");
                });
                insert.executeBatch();
                postgres.restart();
                // PgJDBC's batches may fail with its AssertionError when the server went away
                // (RegistryWriter rolls back on it too); either way the cut transaction fails.
                Throwable cut = org.assertj.core.api.Assertions.catchThrowable(() -> {
                    insert.addBatch(row -> {
                        row.setString(1, "after-the-restart");
                        row.setString(2, "Site");
                    });
                    insert.executeBatch();
                });
                assertThat(cut).isInstanceOfAny(SQLException.class, AssertionError.class);
                writer.rollback();
                insert.clearBatch();
                await().atMost(PATIENCE).ignoreExceptions().until(() -> {
                    try {
                        insert.addBatch(row -> {
                            row.setString(1, "after-the-restart");
                            row.setString(2, "Site");
                        });
                        int[] inserted = insert.executeBatch();
                        writer.commit();
                        return inserted.length == 1 && inserted[0] == 1;
                    } catch (SQLException e) {
                        writer.rollback();
                        insert.clearBatch();
                        throw e;
                    }
                });
            }
            PreparedStatement sites = database.reader().prepareStatement("SELECT COUNT(*) FROM sites");
            long count = await().atMost(PATIENCE).ignoreExceptions().until(() -> count(database.reader(), sites),
                    rows -> rows >= 0);
            assertThat(count).as("before and after the restart, not the cut transaction").isEqualTo(2);
        }
    }
}
