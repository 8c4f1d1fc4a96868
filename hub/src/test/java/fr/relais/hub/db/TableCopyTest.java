package fr.relais.hub.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import fr.relais.hub.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PostgreSQL's COPY on a hub's connection: what goes in comes out, and a lost connection is replaced. */
class TableCopyTest {
    private static final String COPY = "COPY copied (id, value, kind, at) FROM STDIN";

    private TestDatabase testDatabase;
    private Database database;
    private Connection watcher;

    @BeforeEach
    void open(@TempDir Path dir) throws SQLException {
        testDatabase = TestDatabase.create(TestDatabase.Kind.POSTGRESQL, dir);
        database = Database.open(testDatabase.url());
        watcher = DriverManager.getConnection(testDatabase.url());
        try (Statement sql = watcher.createStatement()) {
            sql.execute("CREATE TABLE copied (id TEXT PRIMARY KEY, value TEXT, kind TEXT NOT NULL, at BIGINT NOT NULL)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        watcher.close();
        database.close();
        testDatabase.close();
    }

    private List<String> names() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement sql = watcher.createStatement();
             ResultSet rows = sql.executeQuery("SELECT coalesce(value, '<null>') FROM copied ORDER BY at")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    @Test
    void whatTheTextFormatWouldTakeForItsOwnSignsIsStoredAsItWas() throws SQLException {
        String[] awkward = {"tab\there", "new\nline", "carriage\rreturn", "back\\slash", "\\N", "été \uD83D\uDE00",
            "", null};
        CopyText text = new CopyText(64);
        for (int i = 0; i < awkward.length; i++) {
            text.add("site-" + i).add(awkward[i]).addPlain("mediation").add((long) i).endRow();
        }
        Connection writer = database.writer();
        assertThat(TableCopy.copyIn(writer, COPY, text.bytes())).isEqualTo(awkward.length);
        writer.commit();
        List<String> expected = new ArrayList<>();
        for (String value : awkward) {
            expected.add(value == null ? "<null>" : value);
        }
        assertThat(names()).containsExactlyElementsOf(expected);
    }

    @Test
    void aRowTheTableRefusesFailsTheCopyWithTheServersReasonAndNothingOfItStays() throws SQLException {
        Connection writer = database.writer();
        byte[] rows = new CopyText(64).add("a").add("A").addPlain("mediation").add(1L).endRow()
                .add("a").add("again").addPlain("mediation").add(2L).endRow().bytes();
        SQLException refused = catchThrowableOfType(SQLException.class, () -> TableCopy.copyIn(writer, COPY, rows));
        assertThat(refused.getSQLState()).as("a unique violation").isEqualTo("23505");
        assertThat(WriteFault.of(refused)).as("the rows' fault, not the storage's").isEqualTo(WriteFault.MESSAGE);
        writer.rollback();
        assertThat(names()).isEmpty();

        TableCopy.copyIn(writer, COPY, new CopyText(16).add("b").add("B").addPlain("mediation").add(3L).endRow().bytes());
        writer.commit();
        assertThat(names()).as("the same connection goes on").containsExactly("B");
    }

    @Test
    void aCopyOnAConnectionTheServerEndedIsAStorageFaultAndTheNextTransactionGetsANewConnection() throws Exception {
        Connection writer = database.writer();
        TableCopy.copyIn(writer, COPY, new CopyText(16).add("a").add("A").addPlain("mediation").add(1L).endRow().bytes());
        int writerPid;
        try (Statement sql = writer.createStatement(); ResultSet pid = sql.executeQuery("SELECT pg_backend_pid()")) {
            pid.next();
            writerPid = pid.getInt(1);
        }
        writer.commit();
        try (Statement sql = watcher.createStatement()) {
            sql.execute("SELECT pg_terminate_backend(" + writerPid + ")");
        }
        // The signal is asynchronous: copy only once the server has ended that backend.
        await().atMost(Duration.ofSeconds(20)).until(() -> !backendAlive(writerPid));
        byte[] row = new CopyText(16).add("b").add("B").addPlain("mediation").add(2L).endRow().bytes();
        SQLException lost = catchThrowableOfType(SQLException.class, () -> TableCopy.copyIn(writer, COPY, row));
        assertThat(WriteFault.of(lost)).isEqualTo(WriteFault.STORAGE);
        writer.rollback();

        TableCopy.copyIn(writer, COPY, row);
        writer.commit();
        assertThat(names()).containsExactly("A", "B");
    }

    private boolean backendAlive(int pid) throws SQLException {
        try (Statement sql = watcher.createStatement();
             ResultSet row = sql.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE pid = " + pid)) {
            row.next();
            return row.getLong(1) > 0;
        }
    }

    @Test
    void aRowLeftUnfinishedIsRefusedBeforeAnythingIsSent() {
        CopyText text = new CopyText(16).add("a");
        assertThat(catchThrowableOfType(IllegalStateException.class, text::bytes)).hasMessageContaining("not ended");
    }
}
