package fr.relais.agent.access;

import fr.relais.agent.store.AgentDatabase;
import fr.relais.agent.store.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The door's {@link PackDayLedger} on disk, written whole in one transaction each time it changes
 * (once per member and day at most): a restart must not hand out a pack day again. Thread-safe.
 */
public final class PackDayStore implements AutoCloseable {
    private final AgentDatabase database;
    private final Connection connection;

    public PackDayStore(AgentDatabase database) {
        this.database = database;
        this.connection = database.connect();
    }

    public synchronized PackDayLedger load() {
        Map<String, List<LocalDate>> state = new HashMap<>();
        try (Statement select = connection.createStatement();
             ResultSet row = select.executeQuery("SELECT member, day FROM pack_day_ledger ORDER BY member, day")) {
            while (row.next()) {
                state.computeIfAbsent(row.getString(1), member -> new ArrayList<>())
                        .add(LocalDate.parse(row.getString(2)));
            }
        } catch (SQLException | RuntimeException e) {
            throw new StorageException("cannot read the pack day ledger from " + database.file(), e);
        }
        return PackDayLedger.fromState(state);
    }

    public synchronized void save(PackDayLedger ledger) {
        try {
            connection.setAutoCommit(false);
            try (Statement delete = connection.createStatement();
                 PreparedStatement insert = connection.prepareStatement(
                         "INSERT INTO pack_day_ledger (member, day) VALUES (?, ?)")) {
                delete.executeUpdate("DELETE FROM pack_day_ledger");
                for (Map.Entry<String, List<LocalDate>> member : ledger.state().entrySet()) {
                    for (LocalDate day : member.getValue()) {
                        insert.setString(1, member.getKey());
                        insert.setString(2, day.toString());
                        insert.addBatch();
                    }
                }
                insert.executeBatch();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StorageException("cannot write the pack day ledger to " + database.file() + ": "
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
