package fr.relais.hub.ingest.write;

import fr.relais.protocol.Event;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Told of each event stored for the first time, inside the ingestion writer's transaction and on
 * its connection: what an event means elsewhere (a door's access log, a presence) is then written
 * with it, committed with it, rolled back with it, and never twice for a redelivered message
 * (duplicates are dropped before). Runs on the ingestion thread: it must stay a few statements.
 */
public interface StoredEvents {
    StoredEvents NONE = new StoredEvents() {
        @Override
        public void stored(Connection writer, String site, String node, Event event, long receivedAt) {
        }
    };

    /** Several hooks, told in this order (the coworking data, then the kiosks' actions…). */
    static StoredEvents all(StoredEvents... hooks) {
        java.util.List<StoredEvents> list = java.util.List.of(hooks);
        return new StoredEvents() {
            @Override
            public void stored(Connection writer, String site, String node, Event event, long receivedAt)
                    throws SQLException {
                for (StoredEvents hook : list) {
                    hook.stored(writer, site, node, event, receivedAt);
                }
            }

            @Override
            public void committed() {
                list.forEach(StoredEvents::committed);
            }

            @Override
            public void rolledBack() {
                list.forEach(StoredEvents::rolledBack);
            }
        };
    }

    /** An event just inserted, in the writer's open transaction. */
    void stored(Connection writer, String site, String node, Event event, long receivedAt) throws SQLException;

    /** The batch's transaction committed: what was written for its events is visible. */
    default void committed() {
    }

    /** The batch's transaction rolled back: forget what was noted for its events. */
    default void rolledBack() {
    }
}
