package fr.relais.hub.db;

import java.sql.SQLException;
import java.util.Set;
import org.sqlite.SQLiteException;

/**
 * Whose fault a failed write is. Only {@link #MESSAGE} may send a valid message to the dead
 * letters: writing a good message there because the database hiccupped is data loss, while
 * retrying a write that could never succeed only delays, and is seen (the hub says its storage
 * fails). So whatever is not recognised as the message's own fault is the storage's.
 */
public enum WriteFault {
    /** What the message holds breaks a rule of the database: a constraint, a type, a size. */
    MESSAGE,
    /** Another transaction crossed this one (a deadlock victim, a serialisation failure): again at once. */
    CONFLICT,
    /** The database cannot write now: unreachable, restarting, busy, out of disk, read-only, I/O error, unknown. */
    STORAGE;

    /** SQLite's primary result codes for a value the schema refuses: TOOBIG, CONSTRAINT, MISMATCH. */
    private static final Set<Integer> SQLITE_MESSAGE_CODES = Set.of(18, 19, 20);
    /**
     * SQLite's primary result codes after which a connection is not to be trusted again: READONLY
     * (a connection opened while the file was read-only stays so), IOERR, CORRUPT, CANTOPEN, NOTADB.
     */
    private static final Set<Integer> SQLITE_REOPEN_CODES = Set.of(8, 10, 11, 14, 26);

    /** The fault behind a failed write, from the first SQL error in its causes. */
    public static WriteFault of(Throwable failure) {
        SQLException sql = sqlCause(failure);
        if (sql == null) {
            // No database error at all: the hub itself failed on this message (a bug its content
            // triggers). Retrying would stop ingestion for the whole fleet for good; the dead
            // letter keeps the payload whole, with the reason, to be retried once the hub is fixed.
            return failure instanceof RuntimeException ? MESSAGE : STORAGE;
        }
        if (sql instanceof SQLiteException sqlite) {
            int primary = sqlite.getResultCode().code & 0xff;
            return SQLITE_MESSAGE_CODES.contains(primary) ? MESSAGE : STORAGE;
        }
        String state = sql.getSQLState();
        if (state == null || state.length() < 2) {
            return STORAGE;
        }
        return switch (state.substring(0, 2)) {
            // 22: data exception (a value out of range, a bad encoding); 23: integrity constraint.
            case "22", "23" -> MESSAGE;
            case "40" -> CONFLICT;
            default -> STORAGE;
        };
    }

    /**
     * Whether the connection that raised this error is lost and must be replaced: PostgreSQL's
     * connection exceptions (08) and operator interventions (57: shut down, restarting), SQLite's
     * errors of the file itself. Busy, locked or full leave the connection usable.
     */
    static boolean connectionLost(SQLException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLiteException sqlite
                    && SQLITE_REOPEN_CODES.contains(sqlite.getResultCode().code & 0xff)) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57"))) {
                return true;
            }
        }
        return false;
    }

    private static SQLException sqlCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }
}
