package fr.relais.agent.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The agent's own SQLite file. WAL with {@code synchronous=NORMAL}: a crash or power cut at any
 * instant leaves a consistent file, and the SD card is not worn by an fsync per write (only at
 * checkpoints). Each user (local state, outbox writer, outbox reader, command log) gets its own
 * connection; SQLite serialises the writers.
 *
 * <p>A file that SQLite cannot read (corrupt, truncated, not a database) is moved aside and
 * replaced by an empty one, so the node keeps working instead of crash-looping; the move is
 * reported through {@link #reset()}.
 */
public final class AgentDatabase {
    private static final Logger LOG = LoggerFactory.getLogger(AgentDatabase.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** SQLite's page, in bytes: the unit of what each commit writes to the log. */
    static final int PAGE_SIZE = 1024;

    private final Path file;
    private final SQLiteDataSource dataSource;
    private final Optional<StorageReset> reset;

    private AgentDatabase(Path file, SQLiteDataSource dataSource, Optional<StorageReset> reset) {
        this.file = file;
        this.dataSource = dataSource;
        this.reset = reset;
    }

    public static AgentDatabase open(Path file) {
        return open(file, Clock.systemUTC());
    }

    public static AgentDatabase open(Path file, Clock clock) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new StorageException("cannot create the folder of " + file + ": " + e.getMessage(), e);
        }
        try {
            return new AgentDatabase(file, openChecked(file), Optional.empty());
        } catch (UnreadableDatabase unreadable) {
            Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + STAMP.format(clock.instant()));
            LOG.error("the agent database {} is unreadable ({}); moving it to {} and starting with an empty one",
                    file, unreadable.getMessage(), aside);
            moveAside(file, aside);
            try {
                return new AgentDatabase(file, openChecked(file),
                        Optional.of(new StorageReset(aside, unreadable.getMessage())));
            } catch (UnreadableDatabase again) {
                throw new StorageException("cannot create a new agent database at " + file, again);
            }
        }
    }

    /** Opens a connection of its own for one user of the database. */
    public Connection connect() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new StorageException("cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** Present if the file was unreadable at start and has been replaced. */
    public Optional<StorageReset> reset() {
        return reset;
    }

    /** The size of the database on disk, its write-ahead log included. */
    public long sizeOnDisk() {
        long size = 0;
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            try {
                size += Files.size(file.resolveSibling(file.getFileName() + suffix));
            } catch (IOException missing) {
                // A log that does not exist takes no room.
            }
        }
        return size;
    }

    private static SQLiteDataSource openChecked(Path file) throws UnreadableDatabase {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(10_000);

        // No row ids are read back; without this, the driver queries them after every insert.
        config.setGetGeneratedKeys(false);
        boolean fresh = isNew(file);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        if (fresh) {
            smallPages(dataSource, file);
        }
        try (Connection connection = dataSource.getConnection(); Statement check = connection.createStatement();
             ResultSet result = check.executeQuery("PRAGMA quick_check")) {
            String verdict = result.next() ? result.getString(1) : "no answer";
            if (!"ok".equals(verdict)) {
                throw new UnreadableDatabase("integrity check failed: " + verdict);
            }
        } catch (SQLException e) {
            if (isCorruption(e)) {
                throw new UnreadableDatabase(e.getMessage());
            }
            throw new StorageException("cannot open the agent database " + file + ": " + e.getMessage(), e);
        }
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:fr/relais/agent/db/migration")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            if (e.getCause() instanceof SQLException cause && isCorruption(cause)) {
                throw new UnreadableDatabase(cause.getMessage());
            }
            throw new StorageException("cannot migrate the agent database " + file + ": " + e.getMessage(), e);
        }
        return dataSource;
    }

    private static boolean isNew(Path file) {
        try {
            return !Files.exists(file) || Files.size(file) == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Every commit appends each page it changed to the write-ahead log, so a small outbox row cost
     * a whole 4 KiB page, several times per message: smaller pages write less to the SD card. A
     * file in WAL mode keeps its page size, so a new one is given it before anything is in it
     * (an existing file keeps its own; see "Writes to the SD card" in edge-agent/README.md).
     */
    private static void smallPages(SQLiteDataSource dataSource, Path file) {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("PRAGMA journal_mode = DELETE");
            sql.execute("PRAGMA page_size = " + PAGE_SIZE);
            sql.execute("VACUUM");
            sql.execute("PRAGMA journal_mode = WAL");
        } catch (SQLException e) {
            throw new StorageException("cannot set up the new agent database " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean isCorruption(SQLException e) {
        if (e instanceof SQLiteException sqlite) {
            SQLiteErrorCode code = sqlite.getResultCode();
            return code == SQLiteErrorCode.SQLITE_CORRUPT || code == SQLiteErrorCode.SQLITE_NOTADB
                    || code.name().startsWith("SQLITE_CORRUPT");
        }
        return false;
    }

    private static void moveAside(Path file, Path aside) {
        try {
            Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
            for (String suffix : new String[] {"-wal", "-shm"}) {
                Path companion = file.resolveSibling(file.getFileName() + suffix);
                if (Files.exists(companion)) {
                    Files.move(companion, aside.resolveSibling(aside.getFileName() + suffix),
                            StandardCopyOption.ATOMIC_MOVE);
                }
            }
        } catch (IOException e) {
            throw new StorageException("cannot move the unreadable database " + file + " aside: " + e.getMessage(), e);
        }
    }

    /** SQLite says the file is not a (sound) database. */
    private static final class UnreadableDatabase extends Exception {
        private static final long serialVersionUID = 1L;

        UnreadableDatabase(String message) {
            super(message);
        }
    }
}
