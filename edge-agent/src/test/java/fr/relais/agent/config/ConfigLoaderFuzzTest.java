package fr.relais.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Any {@code agent.yaml} text: the loader gives a configuration, or a {@link ConfigException}
 * whose message says what is wrong; never another exception (a raw YAML parser exception, an
 * invalid path, a NullPointerException…), which would stop the agent without a useful word.
 * Seeds under {@code ConfigLoaderFuzzTestInputs/parse}: the configurations of the loader's tests.
 */
class ConfigLoaderFuzzTest {
    private static final Path BASE_DIR = Path.of("/var/lib/relais");

    private final ConfigLoader loader = new ConfigLoader(Map.of("MQTT_PASSWORD", "s3cret"));

    @FuzzTest(maxDuration = "5s")
    void parse(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            NodeConfig config = loader.parse(text, BASE_DIR);
            assertThat(config.node()).as("an accepted configuration names its node").isNotBlank();
        } catch (ConfigException e) {
            assertThat(e.getMessage()).as("the explanation").isNotBlank();
        }
    }
}
