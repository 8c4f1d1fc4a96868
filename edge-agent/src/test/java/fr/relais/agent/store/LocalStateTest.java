package fr.relais.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStateTest {
    @Test
    void countersSurviveAReopen(@TempDir Path dir) {
        Path file = dir.resolve("agent.db");
        try (AgentDatabase database = AgentDatabase.open(file)) {
            LocalState state = new LocalState(database);
            assertThat(state.nextBdSeq()).isZero();
            assertThat(state.nextBdSeq()).isEqualTo(1);
            assertThat(state.lastSeq()).isEqualTo(-1);
            state.saveLastSeq(41);
        }
        try (AgentDatabase database = AgentDatabase.open(file)) {
            LocalState state = new LocalState(database);
            assertThat(state.nextBdSeq()).isEqualTo(2);
            assertThat(state.lastSeq()).isEqualTo(41);
        }
    }
}
