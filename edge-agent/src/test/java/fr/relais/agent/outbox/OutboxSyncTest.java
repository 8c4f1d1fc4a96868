package fr.relais.agent.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.agent.store.AgentDatabase;
import fr.relais.agent.store.LocalState;
import fr.relais.protocol.Topic;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is synced to the SD card: stored messages before anyone is told, acknowledgements never on their own. */
class OutboxSyncTest {
    @TempDir
    Path dir;

    @Test
    void storedMessagesAreSyncedAndAcknowledgementsAloneAreNot() throws Exception {
        AgentDatabase database = AgentDatabase.open(dir.resolve("agent.db"));
        long syncsAfterStoring;
        try (Outbox outbox = new Outbox(database, OutboxLimits.defaults(), Clock.systemUTC(), "test")) {
            List<CompletableFuture<Void>> stored = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                stored.add(outbox.enqueue(Lane.ROUTINE, Topic.Kind.TELEMETRY, i,
                        ("m" + i).getBytes(StandardCharsets.UTF_8)));
            }
            for (CompletableFuture<Void> future : stored) {
                future.get();
            }
            syncsAfterStoring = syncs(database);
            assertThat(syncsAfterStoring).as("a message is told stored only once synced").isPositive();
            OutboxBatch batch = outbox.next(Lane.ROUTINE, 0, 100);
            assertThat(batch.entries()).hasSize(20);
            batch.entries().forEach(outbox::acknowledged);
        }
        assertThat(syncs(database)).as("deleting acknowledged rows needs no fsync").isEqualTo(syncsAfterStoring);
        try (Outbox reopened = new Outbox(database, OutboxLimits.defaults(), Clock.systemUTC(), "test")) {
            assertThat(reopened.stats().depth()).as("the acknowledged rows are deleted").isZero();
        }
    }

    private static long syncs(AgentDatabase database) throws Exception {
        try (Connection connection = database.connect()) {
            return LocalState.read(connection, LocalState.OUTBOX_SYNCS, 0);
        }
    }
}
