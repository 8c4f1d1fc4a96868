package fr.relais.agent.outbox;

import java.sql.SQLException;
import java.util.List;
import org.sqlite.SQLiteException;

/**
 * Whether a failed write concerns the disk (full, read-only, I/O error, locked, out of memory):
 * then every message of the transaction would fail the same way, and retrying them one by one
 * is pointless until the disk accepts writes again. Anything else (a constraint, a bad row, a
 * bug in one message's extra write) concerns one message: the others are retried without it.
 */
final class StorageFault {
    private static final List<String> DISK_LEVEL = List.of("SQLITE_FULL", "SQLITE_IOERR", "SQLITE_READONLY",
            "SQLITE_CANTOPEN", "SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_NOMEM", "SQLITE_PROTOCOL", "SQLITE_CORRUPT",
            "SQLITE_NOTADB", "SQLITE_PERM");

    private StorageFault() {
    }

    static boolean concernsTheDisk(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLiteException sqlite) {
                String code = sqlite.getResultCode().name();
                return DISK_LEVEL.stream().anyMatch(code::startsWith);
            }
            if (cause instanceof SQLException sql && sql.getMessage() != null
                    && sql.getMessage().startsWith("[SQLITE_")) {
                String message = sql.getMessage();
                return DISK_LEVEL.stream().anyMatch(code -> message.startsWith("[" + code));
            }
        }
        return false;
    }

    /** A short name for the log and the telemetry: the SQLite code, else the exception's class. */
    static String describe(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLiteException sqlite) {
                return sqlite.getResultCode().name();
            }
        }
        return failure.getClass().getSimpleName();
    }
}
