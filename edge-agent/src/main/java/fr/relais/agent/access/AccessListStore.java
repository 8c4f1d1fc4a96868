package fr.relais.agent.access;

import fr.relais.agent.store.AgentDatabase;
import fr.relais.agent.store.StorageException;
import fr.relais.protocol.access.SignedAccessList;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The node's last valid access list on disk, as the hub signed it: the snapshot and the deltas
 * applied since, in order. It stores and returns bytes only; whoever reads them verifies them
 * again ({@link AccessListHolder}), so the file is never trusted. Each change is one
 * transaction: a power cut leaves the old chain or the new one, never half of it. Thread-safe.
 */
public final class AccessListStore implements AutoCloseable {
    /** One link of the chain as stored; {@code version} and {@code site} are the payload's, unverified. */
    public record Stored(SignedAccessList signed, long version, String site, Instant receivedAt) {
    }

    private final AgentDatabase database;
    private final Connection connection;

    public AccessListStore(AgentDatabase database) {
        this.database = database;
        this.connection = database.connect();
        try (Statement pragma = connection.createStatement()) {
            // Lists are rare; a revocation the node acknowledged must survive a power cut.
            pragma.execute("PRAGMA synchronous = FULL");
        } catch (SQLException e) {
            throw new StorageException("cannot set up the access list store of " + database.file(), e);
        }
    }

    /** The chain, snapshot first; empty when the node never held a list (or it was dropped). */
    public synchronized List<Stored> load() {
        List<Stored> chain = new ArrayList<>();
        try (Statement select = connection.createStatement();
             ResultSet row = select.executeQuery("SELECT payload, signature, version, site, received_at"
                     + " FROM access_list_chain ORDER BY position")) {
            while (row.next()) {
                chain.add(new Stored(new SignedAccessList(row.getBytes(1), row.getBytes(2)), row.getLong(3),
                        row.getString(4), Instant.ofEpochMilli(row.getLong(5))));
            }
        } catch (SQLException e) {
            throw new StorageException("cannot read the access list from " + database.file(), e);
        }
        return chain;
    }

    /** A new snapshot: the whole chain is replaced by it, in one transaction. */
    public synchronized void replace(Stored snapshot) {
        inTransaction(() -> {
            try (Statement delete = connection.createStatement()) {
                delete.executeUpdate("DELETE FROM access_list_chain");
            }
            insert(0, snapshot);
        });
    }

    /** A delta applied to the held list: the next link of the chain. */
    public synchronized void append(Stored delta) {
        inTransaction(() -> {
            long position;
            try (Statement max = connection.createStatement();
                 ResultSet row = max.executeQuery("SELECT COALESCE(MAX(position), -1) FROM access_list_chain")) {
                position = row.next() ? row.getLong(1) + 1 : 0;
            }
            if (position == 0) {
                // Caught here rather than at the next start, where the chain would not verify.
                throw new SQLException("a delta cannot start the chain: no snapshot stored");
            }
            insert(position, delta);
        });
    }

    /** The hub confirmed the held version again: the last link's receipt time moves forward. */
    public synchronized void touch(Instant receivedAt) {
        inTransaction(() -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE access_list_chain SET received_at = ?"
                    + " WHERE position = (SELECT MAX(position) FROM access_list_chain)")) {
                update.setLong(1, receivedAt.toEpochMilli());
                update.executeUpdate();
            }
        });
    }

    /** Forgets the list: what is stored no longer verifies. */
    public synchronized void clear() {
        inTransaction(() -> {
            try (Statement delete = connection.createStatement()) {
                delete.executeUpdate("DELETE FROM access_list_chain");
            }
        });
    }

    private void insert(long position, Stored link) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO access_list_chain"
                + " (position, version, site, received_at, payload, signature) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, position);
            insert.setLong(2, link.version());
            insert.setString(3, link.site());
            insert.setLong(4, link.receivedAt().toEpochMilli());
            insert.setBytes(5, link.signed().payload());
            insert.setBytes(6, link.signed().signature());
            insert.executeUpdate();
        }
    }

    private interface Work {
        void run() throws SQLException;
    }

    private void inTransaction(Work work) {
        try {
            connection.setAutoCommit(false);
            try {
                work.run();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StorageException("cannot write the access list to " + database.file() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StorageException("cannot close " + database.file(), e);
        }
    }
}
