package fr.relais.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node whose SD card handed it a damaged file keeps working, and says what it lost. */
class AgentDatabaseTest {
    @Test
    void aHealthyFileIsKept(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("agent.db");
        try (LocalState state = new LocalState(AgentDatabase.open(file))) {
            state.nextBdSeq();
        }
        AgentDatabase again = AgentDatabase.open(file);
        assertThat(again.reset()).isEmpty();
        try (LocalState state = new LocalState(again)) {
            assertThat(state.nextBdSeq()).isEqualTo(1);
        }
    }

    @Test
    void aFileThatIsNotADatabaseIsMovedAside(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("agent.db");
        Files.writeString(file, "this is not a database, just a text left by somebody".repeat(200),
                StandardCharsets.UTF_8);
        AgentDatabase database = AgentDatabase.open(file);
        assertThat(database.reset()).isPresent();
        StorageReset reset = database.reset().get();
        assertThat(reset.reason()).containsIgnoringCase("not a database");
        assertThat(Files.readString(reset.movedTo(), StandardCharsets.UTF_8)).startsWith("this is not a database");
        try (LocalState state = new LocalState(database)) {
            assertThat(state.nextBdSeq()).as("a fresh database").isZero();
        }
    }

    @Test
    void aTruncatedFileIsMovedAside(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("agent.db");
        AgentDatabase original = AgentDatabase.open(file);
        try (Connection connection = original.connect(); Statement sql = connection.createStatement()) {
            sql.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            connection.setAutoCommit(false);
            for (int i = 0; i < 2_000; i++) {
                sql.execute("INSERT INTO outbox_routine (kind, created_at, size, payload) VALUES (0, 0, 300, randomblob(300))");
            }
            connection.commit();
            sql.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        long size = Files.size(file);
        try (RandomAccessFile truncate = new RandomAccessFile(file.toFile(), "rw")) {
            truncate.setLength(size / 3);
        }
        AgentDatabase database = AgentDatabase.open(file);
        assertThat(database.reset()).as("a truncated file is detected").isPresent();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(name -> name.startsWith("agent.db.corrupt-"));
        }
        try (LocalState state = new LocalState(database)) {
            assertThat(state.lastSeq()).isEqualTo(-1);
        }
    }
}
