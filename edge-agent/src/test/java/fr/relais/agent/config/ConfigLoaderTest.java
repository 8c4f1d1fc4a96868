package fr.relais.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.SiteKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {
    static final String GOOD = """
            node: montcornet-pi
            site:
              id: montcornet
              name: "Tiers-lieu numérique de Montcornet"
              kind: mediation
            broker:
              url: tcp://127.0.0.1:1883
              username: montcornet-pi
              password: ${MQTT_PASSWORD}
              maxInflight: 200
            storage:
              file: state/agent.db
            telemetry:
              intervalSeconds: 15
            clock:
              source: always-synced
            devices:
              - id: printer-accueil
                kind: printer
                name: "Imprimante de l'accueil"
                driver: simulated
              - id: probe-adsl
                kind: probe
                name: Sonde ADSL
                driver: simulated
                settings:
                  link: adsl
            """;

    private final ConfigLoader loader = new ConfigLoader(Map.of("MQTT_PASSWORD", "s3cret"));

    @Test
    void readsEveryField(@TempDir Path dir) throws ConfigException {
        NodeConfig config = loader.parse(GOOD, dir);
        assertThat(config.node()).isEqualTo("montcornet-pi");
        assertThat(config.site()).isEqualTo(new NodeConfig.Site("montcornet", "Tiers-lieu numérique de Montcornet",
                SiteKind.MEDIATION));
        assertThat(config.broker().url()).isEqualTo("tcp://127.0.0.1:1883");
        assertThat(config.broker().password()).contains("s3cret");
        assertThat(config.broker().maxInflight()).isEqualTo(200);
        assertThat(config.broker().keepAlive()).isEqualTo(BrokerSettings.DEFAULT_KEEP_ALIVE);
        assertThat(config.storageFile()).isEqualTo(dir.resolve("state/agent.db"));
        assertThat(config.telemetryInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(config.clock()).isEqualTo(ClockSource.ALWAYS_SYNCED);
        assertThat(config.devices()).extracting(DeviceConfig::kind).containsExactly(DeviceKind.PRINTER, DeviceKind.PROBE);
        assertThat(config.devices().get(1).settings()).isEqualTo(java.util.Map.of("link", "adsl"));
        assertThat(config.version()).startsWith("sha256:");
    }

    @Test
    void aDemoNodeMaySimulateItsHost(@TempDir Path dir) throws ConfigException {
        NodeConfig config = loader.parse(GOOD.replace("intervalSeconds: 15", "intervalSeconds: 15\n  simulatedHost: true"), dir);
        assertThat(config.simulatedHost()).isTrue();
    }

    @Test
    void appliesDefaultsForWhatIsOptional(@TempDir Path dir) throws ConfigException {
        NodeConfig config = loader.parse("""
                node: spi-van
                site: {id: spi, name: Bus France Services, kind: van}
                broker: {url: "ssl://hub.example:8883"}
                storage: {file: /var/lib/relais/agent.db}
                """, dir);
        assertThat(config.telemetryInterval()).isEqualTo(ConfigLoader.DEFAULT_TELEMETRY_INTERVAL);
        assertThat(config.simulatedHost()).as("a real node measures its host").isFalse();
        assertThat(config.clock()).isEqualTo(ClockSource.SYSTEMD_TIMESYNCD);
        assertThat(config.broker().maxInflight()).isEqualTo(BrokerSettings.DEFAULT_MAX_INFLIGHT);
        assertThat(config.broker().username()).isEmpty();
        assertThat(config.devices()).isEmpty();
        assertThat(config.storageFile()).isEqualTo(Path.of("/var/lib/relais/agent.db"));
    }

    @Test
    void theVersionChangesWithTheFile(@TempDir Path dir) throws ConfigException {
        String before = loader.parse(GOOD, dir).version();
        String after = loader.parse(GOOD.replace("intervalSeconds: 15", "intervalSeconds: 20"), dir).version();
        assertThat(after).isNotEqualTo(before);
    }

    @Test
    void neverPrintsThePassword(@TempDir Path dir) throws ConfigException {
        assertThat(loader.parse(GOOD, dir).toString()).doesNotContain("s3cret").contains("password=****");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "node id with a slash      | node: montcornet-pi         | node: montcornet/pi          | node: 'montcornet/pi' must be lower-case",
        "node id with a wildcard   | node: montcornet-pi         | node: '#'                    | node: '#' must be lower-case",
        "missing node              | node: montcornet-pi         | ''                           | node: is required",
        "unknown site kind         | kind: mediation             | kind: school                 | site.kind: 'school' is not one of: mediation, coworking, van",
        "bad broker URL            | url: tcp://127.0.0.1:1883   | url: 127.0.0.1               | broker.url: '127.0.0.1' must look like tcp://host:1883",
        "in-flight window of zero  | maxInflight: 200            | maxInflight: 0               | broker.maxInflight: must be between 1 and 65535, got 0",
        "in-flight window as text  | maxInflight: 200            | maxInflight: many            | broker.maxInflight: must be an integer",
        "password without user     | '  username: montcornet-pi' | ''                           | broker.username: is required when a password is given",
        "interval of zero          | intervalSeconds: 15         | intervalSeconds: 0           | telemetry.intervalSeconds: must be between 1 and 86400",
        "simulated host as text    | intervalSeconds: 15         | intervalSeconds: 15\\n  simulatedHost: yes-please | telemetry.simulatedHost: must be true or false",
        "unknown clock source      | source: always-synced       | source: gps                  | clock.source: 'gps' is not one of: systemd-timesyncd, always-synced",
        "unknown device kind       | kind: printer               | kind: toaster                | devices[0].kind: 'toaster' is not one of: kiosk, computer, printer",
        "unknown driver            | driver: simulated\\n  - id: probe-adsl | driver: snmp\\n  - id: probe-adsl | devices[0].driver: no driver 'snmp' in this version",
        "device id twice           | id: probe-adsl              | id: printer-accueil          | devices[1].id: 'printer-accueil' is used by another device",
        "device setting not scalar | link: adsl                  | link: [adsl]                 | devices[1].settings.link: must be a number, a boolean or a text",
        "unknown field             | maxInflight: 200            | maxInflight: 200\\n  colour: red | broker.colour: unknown field",
        "misspelt section          | telemetry:                  | telemetrie:                  | telemetrie: unknown field",
        "duplicate key             | maxInflight: 200            | maxInflight: 200\\n  maxInflight: 300 | Duplicate field 'maxInflight'",
        "not YAML at all           | 'site:'                     | 'site: [unclosed'            | not valid YAML"})
    void refusesWithTheFieldAndTheReason(String what, String from, String to, String message, @TempDir Path dir) {
        String broken = GOOD.replace(unescape(from), unescape(to));
        assertThat(broken).as("the test's replacement applies").isNotEqualTo(GOOD);
        assertThatThrownBy(() -> loader.parse(broken, dir)).as(what)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(message);
    }

    @Test
    void saysWhichEnvironmentVariableIsMissing(@TempDir Path dir) {
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).parse(GOOD, dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("broker.password: environment variable MQTT_PASSWORD is not set");
    }

    @Test
    void aSecretFromTheEnvironmentIsTakenWholeAndNeverQuotedInAnError(@TempDir Path dir) throws ConfigException {
        String secret = "@Zx9-Secret #not-a-comment: {x}";
        assertThat(new ConfigLoader(Map.of("MQTT_PASSWORD", secret)).parse(GOOD, dir).broker().password())
                .contains(secret);
        String broken = GOOD.replace("maxInflight: 200", "maxInflight: [200");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("MQTT_PASSWORD", secret)).parse(broken, dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not valid YAML")
                .hasMessageNotContaining("Zx9");
    }

    @Test
    void aWholeReferenceToANumberIsANumber(@TempDir Path dir) throws ConfigException {
        String withVariable = GOOD.replace("maxInflight: 200", "maxInflight: ${WINDOW}");
        assertThat(new ConfigLoader(Map.of("MQTT_PASSWORD", "x", "WINDOW", "300")).parse(withVariable, dir)
                .broker().maxInflight()).isEqualTo(300);
    }

    @Test
    void usesTheDefaultOfAnUnsetVariable(@TempDir Path dir) throws ConfigException {
        String withDefault = GOOD.replace("${MQTT_PASSWORD}", "${MQTT_PASSWORD:-fallback}");
        assertThat(new ConfigLoader(Map.of()).parse(withDefault, dir).broker().password()).contains("fallback");
    }

    @Test
    void namesTheFileInEveryError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("agent.yaml");
        Files.writeString(file, GOOD.replace("kind: mediation", "kind: school"), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> loader.load(file)).hasMessageStartingWith(file + ": site.kind");
        assertThatThrownBy(() -> loader.load(dir.resolve("missing.yaml")))
                .hasMessageContaining("missing.yaml: cannot read the configuration");
    }

    private static String unescape(String text) {
        return text.replace("\\n", "\n");
    }
}
