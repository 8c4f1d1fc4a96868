package fr.relais.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.relais.agent.simulation.TimeScale;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code simulation.timeScale}: a benchmark's accelerated day, for simulated devices only. */
class SimulationConfigTest {
    private static final String NODE = """
            node: rozoy-pi
            site: {id: rozoy, name: Rozoy, kind: mediation}
            broker: {url: "tcp://127.0.0.1:1883"}
            storage: {file: agent.db}
            """;
    private static final String SIMULATED_PRINTER = """
            devices:
              - {id: imprimante, kind: printer, name: Imprimante, driver: simulated, pollSeconds: 30}
            """;

    private final ConfigLoader loader = new ConfigLoader(Map.of());

    @Test
    void readsTheScaleAndTheStart(@TempDir Path dir) throws ConfigException {
        NodeConfig config = loader.parse(NODE + "simulation: {timeScale: 288, start: \"2026-12-07T23:00:00Z\"}\n"
                + SIMULATED_PRINTER, dir);
        assertThat(config.simulation()).contains(new TimeScale(288, Optional.of(Instant.parse("2026-12-07T23:00:00Z"))));
    }

    @Test
    void noBlockIsRealTime(@TempDir Path dir) throws ConfigException {
        assertThat(loader.parse(NODE + SIMULATED_PRINTER, dir).simulation()).isEmpty();
    }

    @Test
    void refusedWithARealDriver(@TempDir Path dir) {
        assertThatThrownBy(() -> loader.parse(NODE + """
                simulation: {timeScale: 60}
                devices:
                  - {id: imprimante, kind: printer, name: Imprimante, driver: ipp,
                     settings: {uri: "ipp://192.168.1.20:631/ipp/print"}}
                """, dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("simulation.timeScale")
                .hasMessageContaining("simulated devices only")
                .hasMessageContaining("device imprimante uses driver 'ipp'");
    }

    @Test
    void refusesGarbage(@TempDir Path dir) {
        assertThatThrownBy(() -> loader.parse(NODE + "simulation: {timeScale: 1}\n", dir))
                .hasMessageContaining("simulation.timeScale").hasMessageContaining("between 2 and 10000");
        assertThatThrownBy(() -> loader.parse(NODE + "simulation: {timeScale: fast}\n", dir))
                .hasMessageContaining("simulation.timeScale").hasMessageContaining("integer");
        assertThatThrownBy(() -> loader.parse(NODE + "simulation: {start: \"2026-12-07T23:00:00Z\"}\n", dir))
                .hasMessageContaining("simulation.timeScale").hasMessageContaining("required");
        assertThatThrownBy(() -> loader.parse(NODE + "simulation: {timeScale: 60, start: tuesday}\n", dir))
                .hasMessageContaining("simulation.start");
        assertThatThrownBy(() -> loader.parse(NODE + "simulation: {timeScale: 60, speed: 2}\n", dir))
                .hasMessageContaining("speed");
    }
}
