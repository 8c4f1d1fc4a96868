package fr.relais.agent.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The agent's own SQLite file. WAL with {@code synchronous=NORMAL}: a crash or power cut at any
 * instant leaves a consistent file, and the SD card is not worn by an fsync per write (only at
 * checkpoints). The agent is the only writer, through one long-lived connection.
 */
public final class AgentDatabase implements AutoCloseable {
    private final Path file;
    private final Connection connection;

    private AgentDatabase(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    public static AgentDatabase open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
            config.setBusyTimeout(5_000);
            SQLiteDataSource dataSource = new SQLiteDataSource(config);
            dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:fr/relais/agent/db/migration")
                    .load()
                    .migrate();
            return new AgentDatabase(file, dataSource.getConnection());
        } catch (IOException | SQLException | FlywayException e) {
            throw new StorageException("cannot open the agent database " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    Connection connection() {
        return connection;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StorageException("cannot close " + file, e);
        }
    }
}
