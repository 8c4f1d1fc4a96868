package fr.relais.hub.db;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * telemetry.msg_id as each database stores it since V16: 16 bytes, a BLOB on SQLite (no uuid
 * type there) and PostgreSQL's uuid. Binding the UUID itself rather than its text keeps the key
 * 16 bytes long instead of 36, and since a canonical UUID text sorts as its bytes do (fixed
 * hyphens, lowercase hex), ordering by the column gives the same order as before.
 */
public final class MessageIdColumn {
    private static final int BYTES = 16;

    private final boolean postgres;

    private MessageIdColumn(boolean postgres) {
        this.postgres = postgres;
    }

    /** The column's form on this connection's database. */
    public static MessageIdColumn of(Connection connection) throws SQLException {
        return new MessageIdColumn(connection.getMetaData().getURL().startsWith("jdbc:postgresql:"));
    }

    /** Binds a message id to a statement's parameter that is compared with or stored in the column. */
    public void bind(PreparedStatement statement, int index, UUID id) throws SQLException {
        if (postgres) {
            statement.setObject(index, id);
        } else {
            statement.setBytes(index, bytes(id));
        }
    }

    /** The same, for ingestion's direct statements. */
    public void bind(DirectStatement statement, int index, UUID id) throws SQLException {
        if (postgres) {
            statement.setObject(index, id);
        } else {
            statement.setBytes(index, bytes(id));
        }
    }

    /** The value to bind with {@code setObject} for a message id, for code that binds a list of parameters. */
    public Object parameter(UUID id) {
        return postgres ? id : bytes(id);
    }

    /** The message id in a result's column. */
    public UUID read(ResultSet row, int index) throws SQLException {
        return postgres ? row.getObject(index, UUID.class) : uuid(row.getBytes(index));
    }

    /** The id's 16 bytes, most significant first (the order in which its text is written). */
    public static byte[] bytes(UUID id) {
        return ByteBuffer.allocate(BYTES).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits())
                .array();
    }

    /** The id stored as {@code stored}; anything but 16 bytes is not one, and says so. */
    public static UUID uuid(byte[] stored) {
        if (stored == null || stored.length != BYTES) {
            throw new IllegalArgumentException("a stored message id is 16 bytes, not "
                    + (stored == null ? "NULL" : stored.length + " bytes"));
        }
        ByteBuffer buffer = ByteBuffer.wrap(stored);
        return new UUID(buffer.getLong(), buffer.getLong());
    }
}
