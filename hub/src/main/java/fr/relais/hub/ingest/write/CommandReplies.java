package fr.relais.hub.ingest.write;

import fr.relais.hub.db.JsonTexts;
import fr.relais.hub.registry.CommandStatus;
import fr.relais.protocol.ClockConfidence;
import fr.relais.protocol.Reply;
import fr.relais.protocol.ReplyStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
        try (PreparedStatement update = connection.prepareStatement("UPDATE commands SET delivered_at = ?,"
                + " reply_status = COALESCE(reply_status, 'accepted'),"
                + " status = CASE WHEN status IN ('pending', 'sent') THEN 'delivered' ELSE status END"
                + " WHERE id = ? AND node_id = ? AND name = ? AND delivered_at IS NULL")) {
            update.setLong(1, at);
            where(update, 2, node, reply);
            return update.executeUpdate();
        }
    }

    /** The one final answer; it replaces a timeout, since it is what really happened. */
    private int finish(String node, Reply reply, long at) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE commands SET status = ?,"
                + " reply_status = ?, reason = ?, result = ?, finished_at = ?"
                + " WHERE id = ? AND node_id = ? AND name = ? AND (reply_status IS NULL OR reply_status = 'accepted')")) {
            CommandStatus status = reply.status() == ReplyStatus.OK ? CommandStatus.SUCCEEDED : CommandStatus.FAILED;
            update.setString(1, status.wire());
            update.setString(2, reply.status().wire());
            update.setString(3, reply.reason().isBlank() ? null : reply.reason());
            update.setString(4, JsonTexts.write(reply.result()));
            update.setLong(5, at);
            where(update, 6, node, reply);
            return update.executeUpdate();
        }
    }

    private static void where(PreparedStatement update, int first, String node, Reply reply) throws SQLException {
        update.setString(first, reply.requestId().toString());
        update.setString(first + 1, node);
        update.setString(first + 2, reply.command());
    }

    /** Why a reply that changed nothing is refused, or null if it merely repeats what is known. */
    private Outcome refusal(String node, Reply reply) throws SQLException {
        String id = reply.requestId().toString();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT node_id, name, reply_status FROM commands WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Outcome.refused("requestId", "no command " + id + " was sent by this hub");
                }
                if (!row.getString(1).equals(node)) {
                    return Outcome.refused("requestId", "command " + id + " was sent to node " + row.getString(1)
                            + ", not " + node);
                }
                if (!row.getString(2).equals(reply.command())) {
                    return Outcome.refused("command", "command " + id + " is '" + row.getString(2) + "', not '"
                            + reply.command() + "'");
                }
                String known = row.getString(3);
                if (reply.status().isFinal() && !reply.status().wire().equals(known)) {
                    return Outcome.refused("status", "command " + id + " already ended with '" + known
                            + "'; a later '" + reply.status().wire() + "' contradicts it");
                }
                return null;
            }
        }
    }

    /** False if this message id was already stored: a redelivery. */
    private boolean log(String node, Reply reply, long at) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO command_replies (msg_id, request_id,"
                + " node_id, seq, device_ts, clock_synced, received_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (msg_id) DO NOTHING")) {
            insert.setString(1, reply.envelope().msgId().toString());
            insert.setString(2, reply.requestId().toString());
            insert.setString(3, node);
            insert.setLong(4, reply.envelope().seq());
            insert.setLong(5, reply.envelope().ts().toEpochMilli());
            insert.setBoolean(6, reply.envelope().clock() == ClockConfidence.SYNCED);
            insert.setLong(7, at);
            insert.setString(8, reply.status().wire());
            return insert.executeUpdate() == 1;
        }
    }
}
