package fr.relais.hub.ingest.write;

import fr.relais.hub.db.JsonTexts;
import fr.relais.hub.db.Sql;
import fr.relais.hub.registry.CommandStatus;
import fr.relais.protocol.ClockConfidence;
import fr.relais.protocol.Reply;
import fr.relais.protocol.ReplyStatus;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Applies the nodes' replies to the commands they answer, inside the ingestion writer's
 * transaction. A reply only moves a command forward: {@code accepted} once, then one final
 * reply, which wins even over a timeout. Whatever contradicts the command (unknown request id,
 * another node, another command name, a second final reply that disagrees) is refused with the
 * reason; a redelivery changes nothing and is recognised by its message id.
 */
final class CommandReplies {
    /** What became of a reply; {@code field} and {@code reason} say why it was refused. */
    record Outcome(Kind kind, String field, String reason) {
        enum Kind { STORED, DUPLICATE, REFUSED }

        static final Outcome STORED = new Outcome(Kind.STORED, null, null);
        static final Outcome DUPLICATE = new Outcome(Kind.DUPLICATE, null, null);

        static Outcome refused(String field, String reason) {
            return new Outcome(Kind.REFUSED, field, reason);
        }
    }

    private final Connection connection;

    CommandReplies(Connection connection) {
        this.connection = connection;
    }

    Outcome apply(String node, Reply reply, long at) throws SQLException {
        // The update goes first: it takes SQLite's write lock at once (see Database), and tells
        // in one statement whether the reply is news.
        int changed = reply.status().isFinal() ? finish(node, reply, at) : accept(node, reply, at);
        if (changed == 0) {
            Outcome refusal = refusal(node, reply);
            if (refusal != null) {
                return refusal;
            }
        }
        return log(node, reply, at) ? Outcome.STORED : Outcome.DUPLICATE;
    }

    /** The node has it: recorded once, without undoing a final state reached meanwhile. */
    private int accept(String node, Reply reply, long at) throws SQLException {
        return Sql.update(connection, "UPDATE commands SET delivered_at = ?,"
                + " reply_status = COALESCE(reply_status, 'accepted'),"
                + " status = CASE WHEN status IN ('pending', 'sent') THEN 'delivered' ELSE status END"
                + " WHERE id = ? AND node_id = ? AND name = ? AND delivered_at IS NULL", at,
                reply.requestId().toString(), node, reply.command());
    }

    /** The one final answer; it replaces a timeout, since it is what really happened. */
    private int finish(String node, Reply reply, long at) throws SQLException {
        CommandStatus status = reply.status() == ReplyStatus.OK ? CommandStatus.SUCCEEDED : CommandStatus.FAILED;
        return Sql.update(connection, "UPDATE commands SET status = ?, reply_status = ?, reason = ?, result = ?,"
                + " finished_at = ? WHERE id = ? AND node_id = ? AND name = ?"
                + " AND (reply_status IS NULL OR reply_status = 'accepted')", status.wire(), reply.status().wire(),
                reply.reason().isBlank() ? null : reply.reason(), JsonTexts.write(reply.result()), at,
                reply.requestId().toString(), node, reply.command());
    }

    /** Why a reply that changed nothing is refused, or null if it merely repeats what is known. */
    private Outcome refusal(String node, Reply reply) throws SQLException {
        String id = reply.requestId().toString();
        String[] row = Sql.one(connection, "SELECT node_id, name, reply_status FROM commands WHERE id = ?",
                r -> new String[] {r.getString(1), r.getString(2), r.getString(3)}, id).orElse(null);
        if (row == null) {
            return Outcome.refused("requestId", "no command " + id + " was sent by this hub");
        }
        if (!row[0].equals(node)) {
            return Outcome.refused("requestId", "command " + id + " was sent to node " + row[0] + ", not " + node);
        }
        if (!row[1].equals(reply.command())) {
            return Outcome.refused("command", "command " + id + " is '" + row[1] + "', not '" + reply.command() + "'");
        }
        String known = row[2];
        if (reply.status().isFinal() && !reply.status().wire().equals(known)) {
            return Outcome.refused("status", "command " + id + " already ended with '" + known
                    + "'; a later '" + reply.status().wire() + "' contradicts it");
        }
        return null;
    }

    /** False if this message id was already stored: a redelivery. */
    private boolean log(String node, Reply reply, long at) throws SQLException {
        return Sql.update(connection, "INSERT INTO command_replies (msg_id, request_id, node_id, seq, device_ts,"
                + " clock_synced, received_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (msg_id) DO NOTHING",
                reply.envelope().msgId().toString(), reply.requestId().toString(), node, reply.envelope().seq(),
                reply.envelope().ts().toEpochMilli(), reply.envelope().clock() == ClockConfidence.SYNCED, at,
                reply.status().wire()) == 1;
    }
}
