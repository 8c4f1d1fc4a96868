package fr.relais.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStateTest {
    @Test
    void countersSurviveAReopen(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("agent.db");
        try (LocalState state = new LocalState(AgentDatabase.open(file))) {
            assertThat(state.nextBdSeq()).isZero();
            assertThat(state.nextBdSeq()).isEqualTo(1);
            assertThat(state.lastSeq()).isEqualTo(-1);
        }
        try (Connection connection = AgentDatabase.open(file).connect()) {
            LocalState.write(connection, LocalState.SEQ, 41);
        }
        try (LocalState state = new LocalState(AgentDatabase.open(file))) {
            assertThat(state.nextBdSeq()).isEqualTo(2);
            assertThat(state.lastSeq()).isEqualTo(41);
        }
    }
}
