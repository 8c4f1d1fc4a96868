package fr.relais.agent.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.relais.agent.store.AgentDatabase;
import fr.relais.agent.store.StorageException;
import fr.relais.protocol.access.SignedAccessList;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chain on a real SQLite file: bytes in, the same bytes out, in order, one transaction each. */
class AccessListStoreTest {
    static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    static AccessListStore.Stored link(long version, int fill) {
        byte[] payload = new byte[] {(byte) fill, 1, 2};
        byte[] signature = new byte[64];
        signature[0] = (byte) fill;
        return new AccessListStore.Stored(new SignedAccessList(payload, signature), version, "laon-cowork",
                T0.plusSeconds(version));
    }

    @Test
    void theChainComesBackInOrderAndASnapshotReplacesIt(@TempDir Path dir) {
        Path file = dir.resolve("agent.db");
        try (AccessListStore store = new AccessListStore(AgentDatabase.open(file))) {
            store.replace(link(1, 1));
            store.append(link(2, 2));
            store.append(link(3, 3));
            store.touch(T0.plusSeconds(99));
        }
        try (AccessListStore store = new AccessListStore(AgentDatabase.open(file))) {
            assertThat(store.load()).extracting(AccessListStore.Stored::version).containsExactly(1L, 2L, 3L);
            assertThat(store.load().get(2).signed()).isEqualTo(link(3, 3).signed());
            assertThat(store.load().get(2).receivedAt()).isEqualTo(T0.plusSeconds(99));
            assertThat(store.load().get(0).receivedAt()).as("only the last link is touched").isEqualTo(T0.plusSeconds(1));
            store.replace(link(4, 4));
            assertThat(store.load()).containsExactly(link(4, 4));
        }
    }

    @Test
    void aDeltaCannotStartTheChainAndLeavesItEmpty(@TempDir Path dir) {
        try (AccessListStore store = new AccessListStore(AgentDatabase.open(dir.resolve("agent.db")))) {
            assertThatThrownBy(() -> store.append(link(2, 2))).isInstanceOf(StorageException.class)
                    .hasMessageContaining("no snapshot stored");
            assertThat(store.load()).isEmpty();
            store.replace(link(1, 1));
            store.clear();
            assertThat(store.load()).isEmpty();
        }
    }
}
