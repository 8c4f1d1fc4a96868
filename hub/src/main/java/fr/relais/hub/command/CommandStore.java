package fr.relais.hub.command;

import fr.relais.hub.db.Database;
import fr.relais.hub.db.Sql;
import fr.relais.hub.registry.CommandStatus;
import fr.relais.hub.registry.Views;
import java.util.UUID;

/**
 * What the hub itself writes about its commands: their creation, the broker's acknowledgement
 * and the timeouts. The nodes' replies are written by ingestion ({@link RegistryWriter}). Each
 * call is one statement in auto-commit, on the commands' own connection (see {@link Database}
 * for why), serialised on this object. Blocks on JDBC: never call it on the event loop.
 *
 * <p>Every update only moves a command forward, so they may land in any order: a reply that
 * beats the broker's acknowledgement is not undone by it.
 */
public final class CommandStore {
    private static final String OPEN = "('pending', 'sent', 'delivered')";

    private final Sql sql;
    private volatile CommandChanges changes = CommandChanges.NONE;

    public CommandStore(Database database) {
        this.sql = new Sql(database.commands(), "commands");
    }

    /** Who is told of each command this store moves along (the live channel). */
    public CommandStore changes(CommandChanges listener) {
        this.changes = java.util.Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** Records a new command, {@code pending}, before it is published. */
    public synchronized void create(Views.Command command) {
        sql.update("INSERT INTO commands (id, node_id, site_id, name, args, status, created_at, deadline)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", command.id(), command.node(), command.site(), command.name(),
                command.args(), CommandStatus.PENDING.wire(), command.createdAt(), command.deadline());
        changes.changed(command.id());
    }

    /** The broker acknowledged the command (PUBACK). */
    public synchronized void sent(UUID id, long at) {
        if (sql.update("UPDATE commands SET sent_at = COALESCE(sent_at, ?),"
                + " status = CASE WHEN status = 'pending' THEN 'sent' ELSE status END WHERE id = ? AND sent_at IS NULL",
                at, id.toString()) > 0) {
            changes.changed(id.toString());
        }
    }

    /** The command certainly never left the hub: no node can have it. */
    public synchronized void notSent(UUID id, String reason, long at) {
        if (sql.update("UPDATE commands SET status = 'failed', reason = ?, finished_at = ? WHERE id = ? AND status = 'pending'",
                reason, at, id.toString()) > 0) {
            changes.changed(id.toString());
        }
    }

    /** Marks every open command whose deadline has passed as {@code timed-out}; says how many. */
    public synchronized int timeOut(long now) {
        // The listener is told which: they are read first, with the same condition. One that a
        // reply finishes in between is told too, and read as it then is: nothing is missed.
        java.util.List<String> overdue = changes == CommandChanges.NONE ? java.util.List.of() : overdue(now);
        int timedOut = sql.update("UPDATE commands SET status = 'timed-out', finished_at = ?,"
                + " reason = 'no final reply from the node before the deadline'"
                + " WHERE status IN " + OPEN + " AND deadline < ?", now, now);
        if (timedOut > 0) {
            overdue.forEach(changes::changed);
        }
        return timedOut;
    }

    private java.util.List<String> overdue(long now) {
        return sql.query("SELECT id FROM commands WHERE status IN " + OPEN + " AND deadline < ?",
                row -> row.getString(1), now);
    }
}
