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

/** {@code --example-content} and {@code --public-url}: what the hub keeps of them, and a bad URL refused at once. */
class HubMainPlaceOptionsTest {
    private static HubConfig config() {
        return new HubConfig("127.0.0.1", 0, "jdbc:sqlite:unused.db",
                new MqttSettings("tcp://127.0.0.1:1883", "hub", Optional.empty(), Optional.empty()));
    }

    @Test
    void thePublicUrlIsTheOneGivenWithoutItsSlashOrTheHubsOwnAddress() {
        assertThat(config().publicUrl(8443)).isEqualTo("http://127.0.0.1:8443");
        assertThat(config().withPublicUrl("https://relais.example.org/").publicUrl(8443))
                .isEqualTo("https://relais.example.org");
        assertThat(config().withExampleContent(true).withPublicUrl("https://relais.example.org/hub")
                .withAccessSigningKey(Path.of("key.pem"))).satisfies(kept -> {
                    assertThat(kept.exampleContent()).isTrue();
                    assertThat(kept.publicUrl(1)).isEqualTo("https://relais.example.org/hub");
                });
        assertThat(config().exampleContent()).isFalse();
        for (String bad : new String[] {"relais.example.org", "ftp://relais.example.org", "https://x.org/?a=1",
                "http:// space"}) {
            assertThatThrownBy(() -> config().withPublicUrl(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--public-url");
        }
    }

    @Test
    void aPublicUrlThatIsNotAnAddressStopsTheHubBeforeAnythingStarts(@TempDir Path dir) {
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new HubMain()).execute("--public-url", "relais.example.org", "--example-content",
                    "--data", dir.resolve("data").toString(), "--port", "0");
        } finally {
            System.setErr(stderr);
        }
        assertThat(exit).isEqualTo(2);
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("--public-url must be an http(s) address");
        assertThat(dir.resolve("data")).as("no database was created").doesNotExist();
    }
}
