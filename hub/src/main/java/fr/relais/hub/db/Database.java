package fr.relais.hub.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The hub's database, SQLite by default or PostgreSQL, with one set of migrations for both:
 * migrated with Flyway on open, one connection for the single writer (the
 * ingestion thread), one for readers (the API), one for the commands the technicians send
 * ({@link CommandStore}), one for the alerts ({@link AlertStore}), one for accounts, sessions
 * and the audit, and one for the coworking data (package {@code cowork}). On SQLite, WAL lets the
 * API read while ingestion writes.
 *
 * <p>Commands have their own connection rather than a turn on the ingestion writer's: that
 * thread batches up to a thousand messages per transaction and may sit behind a backlog of
 * twenty thousand, and a technician's click must not wait for it. SQLite still allows one
 * writer at a time, so the two take turns through the busy timeout below; both only ever run
 * short transactions that start with a write, which is what lets SQLite make them wait for
 * each other instead of failing (a transaction that read first could not be upgraded).
 *
 * <p>Two more connections serve telemetry over time: one for the background rollups and
 * retention ({@link Housekeeping}), whose long reads must not hold the readers' connection, and
 * one for the API's telemetry queries ({@link TelemetryReader}).
 *
 * <p>Each of these connections replaces itself once the database has lost it
 * ({@link ReopeningConnection}): after a PostgreSQL restart, or an SQLite file that was
 * read-only or failing, every role works again without restarting the hub.
 */
public final class Database implements AutoCloseable {
    private final String url;
    private final Connection writer;
    private final Connection reader;
    private final Connection commands;
    private final Connection alerts;
    private final Connection housekeeping;
    private final Connection history;
    private final Connection accounts;
    private final Connection coworking;
    private final Connection access;

    private Database(String url, Connection writer, Connection reader, Connection commands, Connection alerts,
                     Connection housekeeping, Connection history, Connection accounts, Connection coworking,
                     Connection access) {
        this.url = url;
        this.writer = writer;
        this.reader = reader;
        this.commands = commands;
        this.alerts = alerts;
        this.housekeeping = housekeeping;
        this.history = history;
        this.accounts = accounts;
        this.coworking = coworking;
        this.access = access;
    }

    /** Opens (creating if needed) and migrates the database at a JDBC URL. */
    public static Database open(String jdbcUrl) {
        try {
            DataSource dataSource = dataSource(jdbcUrl);
            Flyway.configure()
                    .dataSource(dataSource)
                    // db/migration is portable; a version whose SQL cannot be (V16, telemetry's
                    // 16-byte ids) has one file per database in db/sqlite and db/postgresql.
                    .locations("classpath:db/migration", "classpath:db/" + vendor(jdbcUrl))
                    .load()
                    .migrate();
            String name = describe(jdbcUrl);
            return new Database(jdbcUrl, ReopeningConnection.open(dataSource, name, false),
                    ReopeningConnection.open(dataSource, name, true), ReopeningConnection.open(dataSource, name, true),
                    ReopeningConnection.open(dataSource, name, true), ReopeningConnection.open(dataSource, name, false),
                    ReopeningConnection.open(dataSource, name, true), ReopeningConnection.open(dataSource, name, true),
                    ReopeningConnection.open(dataSource, name, true), ReopeningConnection.open(dataSource, name, false));
        } catch (SQLException | FlywayException | IOException e) {
            throw new StoreException("cannot open the hub database " + describe(jdbcUrl) + ": " + e.getMessage(), e);
        }
    }

    /** {@code jdbc:sqlite:DIR/hub.db}: the default, zero set-up database. */
    public static String sqliteUrl(Path file) {
        return "jdbc:sqlite:" + file.toAbsolutePath();
    }

    private static String vendor(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:postgresql:") ? "postgresql" : "sqlite";
    }

    private static DataSource dataSource(String jdbcUrl) throws IOException {
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            PGSimpleDataSource postgres = new PGSimpleDataSource();
            postgres.setUrl(jdbcUrl);
            postgres.setApplicationName("relais-hub");
            return postgres;
        }
        if (!jdbcUrl.startsWith("jdbc:sqlite:")) {
            throw new IllegalArgumentException("unsupported database URL '" + describe(jdbcUrl)
                    + "': the hub stores into SQLite (jdbc:sqlite:FILE) or PostgreSQL (jdbc:postgresql://HOST/DB)");
        }
        String path = jdbcUrl.substring("jdbc:sqlite:".length());
        Path parent = Path.of(path).toAbsolutePath().getParent();
        if (parent != null && !path.startsWith(":memory:") && !path.startsWith("file:")) {
            Files.createDirectories(parent);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // FULL: the hub acknowledges a message to the broker once it is committed, so a commit
        // must survive a power cut. Ingestion commits in batches, so it is one fsync per batch.
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        // No row ids are read back; without this, the driver queries them after every insert.
        config.setGetGeneratedKeys(false);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl(jdbcUrl);
        return dataSource;
    }

    public String url() {
        return url;
    }

    /** The URL without any password, fit for a log line or an error message. */
    public static String describe(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1****");
    }

    /** The writer's connection, in manual-commit mode. Only the ingestion thread uses it. */
    public Connection writer() {
        return writer;
    }

    /** The readers' connection; callers serialise on it. */
    public Connection reader() {
        return reader;
    }

    /** The commands' connection, in auto-commit mode; {@link CommandStore} serialises on it. */
    public Connection commands() {
        return commands;
    }

    /**
     * The alerts' connection, in auto-commit mode; {@link AlertStore} serialises on it. The rule
     * evaluation reads the registry through it too, so it never waits behind the API's reads.
     */
    public Connection alerts() {
        return alerts;
    }

    /** The background rollups' and retention's connection, in manual-commit mode. */
    public Connection housekeeping() {
        return housekeeping;
    }

    /** The telemetry queries' connection; {@link TelemetryReader} serialises on it. */
    public Connection history() {
        return history;
    }

    /**
     * The connection of accounts, sessions, tokens and the audit (package {@code auth}), in
     * auto-commit mode; its users serialise on it. Its own, because every API request reads a
     * session or a token and must not queue behind the registry's readers.
     */
    public Connection accounts() {
        return accounts;
    }

    /**
     * The coworking data's connection (members, badges, bookings, presence: package
     * {@code cowork}), in auto-commit mode; its users serialise on it. Its own, because a
     * booking's overlap check and a door list's build must not wait behind the registry's reads,
     * and the ingestion writer keeps its own for the access log it writes with each batch.
     */
    public Connection coworking() {
        return coworking;
    }

    /**
     * The doors' access lists' connection ({@link AccessListRows}), in manual-commit mode; it
     * serialises on it. Its own: a snapshot of thousands of badges is a large row, and neither
     * ingestion nor a technician's click should wait behind it.
     */
    public Connection access() {
        return access;
    }

    @Override
    public void close() {
        try {
            writer.close();
            reader.close();
            commands.close();
            alerts.close();
            housekeeping.close();
            history.close();
            accounts.close();
            coworking.close();
            access.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close " + describe(url), e);
        }
    }
}
