package fr.relais.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ConfigSecretsTest {
    private static final String BLOCK = """
            node: montcornet-pi
            broker:
              url: tcp://127.0.0.1:1883
              username: montcornet-pi
              password: s3cret-Pa55
            """;

    @Test
    void masksAPasswordOnItsOwnLine() {
        assertThat(ConfigSecrets.mask(BLOCK, Optional.of("s3cret-Pa55")))
                .contains("password: \"****\"", "username: montcornet-pi").doesNotContain("s3cret");
    }

    @Test
    void masksAPasswordInAFlowMapping() {
        String flow = "broker: {url: 'tcp://h:1883', username: u, password: \"a,b}c\"}\n";
        assertThat(ConfigSecrets.mask(flow, Optional.empty())).isEqualTo(
                "broker: {url: 'tcp://h:1883', username: u, password: \"****\"}\n");
    }

    @Test
    void theAgentsKnownPasswordIsMaskedWhereverItAppears() {
        String copied = BLOCK + "# old: s3cret-Pa55\n";
        assertThat(ConfigSecrets.mask(copied, Optional.of("s3cret-Pa55"))).doesNotContain("s3cret");
    }

    @Test
    void forARecordThePasswordsAreFoundByReadingTheYaml() {
        String copied = BLOCK + "notes: \"s3cret-Pa55 was the old one\"\n";
        String masked = ConfigSecrets.maskForRecord(copied);
        assertThat(masked).contains("password: \"****\"", "node: montcornet-pi").doesNotContain("s3cret");
    }

    @Test
    void aTextWithoutPasswordIsKeptAsItIs() {
        String plain = "node: montcornet-pi\ntelemetry: {intervalSeconds: 10}\n";
        assertThat(ConfigSecrets.maskForRecord(plain)).isEqualTo(plain);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "broker:\n  password: |\n    s3cret-Pa55\n    second-line\n",
        "broker:\n  password:\n    s3cret-Pa55\n",
        "broker: {password: [s3cret-Pa55]}\n",
        "broker:\n  password:\n    - s3cret-Pa55\n"})
    void oddlyWrittenPasswordsNeverSurvive(String yaml) {
        assertThat(ConfigSecrets.maskForRecord(yaml)).doesNotContain("s3cret", "second-line");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "broker:\n  password: |\n    s3cret-Pa55\n    second-line\n",
        "pw: &pw xy\nbroker:\n  password: *pw\n",
        "broker:\n  password: ab\n  username: abcd\n",
        "broker: {url: x, password: s3cret-Pa55\n",
        "not: [valid yaml\n"})
    void whatCannotBeMaskedForSureIsWithheldWhole(String yaml) {
        assertThat(ConfigSecrets.maskForRecord(yaml)).isEqualTo(ConfigSecrets.WITHHELD);
    }
}
