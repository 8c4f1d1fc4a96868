package fr.relais.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small pages for a new file (less written per commit), and an existing file left as it is. */
class AgentDatabasePageSizeTest {
    @Test
    void aNewFileGetsSmallPagesAndStaysInWalMode(@TempDir Path dir) throws Exception {
        AgentDatabase database = AgentDatabase.open(dir.resolve("agent.db"));
        try (Connection connection = database.connect()) {
            assertThat(pragma(connection, "page_size")).isEqualTo(String.valueOf(AgentDatabase.PAGE_SIZE));
            assertThat(pragma(connection, "journal_mode")).isEqualToIgnoringCase("wal");
        }
        try (LocalState state = new LocalState(database)) {
            assertThat(state.nextBdSeq()).as("the migrated tables work").isZero();
        }
    }

    @Test
    void anExistingFileKeepsItsPagesAndItsRows(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("agent.db");
        // A file an older agent made, with SQLite's default pages.
        try (Connection old = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement sql = old.createStatement()) {
            sql.execute("PRAGMA page_size = 4096");
            sql.execute("PRAGMA journal_mode = WAL");
            sql.execute("CREATE TABLE made_then_dropped (v INTEGER)");
            sql.execute("DROP TABLE made_then_dropped");
        }
        try (LocalState state = new LocalState(AgentDatabase.open(file))) {
            assertThat(state.nextBdSeq()).isZero();
        }
        AgentDatabase database = AgentDatabase.open(file);
        try (Connection connection = database.connect()) {
            assertThat(pragma(connection, "page_size")).isEqualTo("4096");
        }
        try (LocalState state = new LocalState(database)) {
            assertThat(state.nextBdSeq()).as("what it held is still there").isEqualTo(1);
        }
    }

    private static String pragma(Connection connection, String name) throws Exception {
        try (Statement sql = connection.createStatement(); ResultSet row = sql.executeQuery("PRAGMA " + name)) {
            assertThat(row.next()).isTrue();
            return row.getString(1);
        }
    }
}
