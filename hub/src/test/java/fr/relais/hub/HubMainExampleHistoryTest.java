package fr.relais.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.relais.hub.config.HubConfig;
import fr.relais.hub.ingest.MqttSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --example-history DAYS}: kept by the configuration, and out of range refused before anything starts. */
class HubMainExampleHistoryTest {
    private static HubConfig config() {
        return new HubConfig("127.0.0.1", 0, "jdbc:sqlite:unused.db",
                new MqttSettings("tcp://127.0.0.1:1883", "hub", Optional.empty(), Optional.empty()));
    }

    @Test
    void theDaysAreKeptThroughTheOtherOptionsAndNoneByDefault() {
        assertThat(config().exampleHistoryDays()).isZero();
        assertThat(config().withExampleHistory(42).withExampleContent(true).withPublicUrl("https://relais.example.org")
                .withAccessSigningKey(Path.of("key.pem")).exampleHistoryDays()).isEqualTo(42);
        assertThat(config().withExampleHistory(800).exampleHistoryDays()).isEqualTo(800);
        assertThatThrownBy(() -> config().withExampleHistory(-1)).hasMessageContaining("--example-history");
    }

    @Test
    void daysOutOfRangeOrNotANumberStopTheHubNamingTheOption(@TempDir Path dir) {
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            assertThat(new CommandLine(new HubMain()).execute("--example-history", "801", "--data",
                    dir.resolve("data").toString(), "--port", "0")).isEqualTo(2);
            assertThat(new CommandLine(new HubMain()).execute("--example-history", "-3", "--data",
                    dir.resolve("data").toString(), "--port", "0")).isEqualTo(2);
            assertThat(new CommandLine(new HubMain()).execute("--example-history", "six", "--data",
                    dir.resolve("data").toString(), "--port", "0")).isEqualTo(2);
        } finally {
            System.setErr(stderr);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8))
                .contains("--example-history must be between 0 (none) and 800 days, got 801")
                .contains("got -3")
                .contains("--example-history").contains("'six'");
        assertThat(dir.resolve("data")).as("no database was created").doesNotExist();
    }
}
