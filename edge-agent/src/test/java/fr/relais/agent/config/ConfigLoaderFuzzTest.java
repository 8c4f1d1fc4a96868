package fr.relais.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Any {@code agent.yaml} text: the loader gives a configuration, or a {@link ConfigException}
 * whose message says what is wrong; never another exception (a raw YAML parser exception, an
 * invalid path, a NullPointerException…), which would stop the agent without a useful word.
 * Seeds under {@code ConfigLoaderFuzzTestInputs/parse}: the configurations of the loader's tests.
 */
class ConfigLoaderFuzzTest {
    private static final Path BASE_DIR = Path.of("/var/lib/relais");

    private final ConfigLoader loader = new ConfigLoader(Map.of("MQTT_PASSWORD", "s3cret"));

    @Test
    void aFileNameWithANulCharacterIsRefusedWithItsField() {
        // Found by looking where the fuzzer had not reached: "\0" in a double-quoted YAML text
        // made Path.resolve throw an InvalidPathException out of the loader.
        String storage = ConfigLoaderTest.GOOD.replace("file: state/agent.db", "file: \"state\\0agent.db\"");
        assertThatThrownBy(() -> loader.parse(storage, BASE_DIR)).isInstanceOf(ConfigException.class)
                .hasMessage("storage.file: is not a usable file name: Nul character not allowed");
        String tls = ConfigLoaderTest.GOOD.replace("url: tcp://127.0.0.1:1883",
                "url: ssl://hub.example:8883\n  tls:\n    caFile: \"ca\\0.pem\"");
        assertThatThrownBy(() -> loader.parse(tls, BASE_DIR)).isInstanceOf(ConfigException.class)
                .hasMessage("broker.tls.caFile: is not a usable file name: Nul character not allowed");
    }

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
