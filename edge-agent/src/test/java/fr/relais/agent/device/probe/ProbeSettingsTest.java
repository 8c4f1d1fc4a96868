package fr.relais.agent.device.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.relais.agent.config.ConfigException;
import fr.relais.agent.config.ConfigLoader;
import fr.relais.agent.config.DeviceConfig;
import fr.relais.agent.config.NodeConfig;
import fr.relais.agent.config.TestPki;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A probe's settings as the agent reads agent.yaml: every field, its default, and every mistake named by its path. */
class ProbeSettingsTest {
    private static final String NODE = """
            node: rozoy-cowork-pi
            site: {id: rozoy-cowork, name: "Coworking de Rozoy-sur-Serre", kind: coworking}
            broker: {url: "tcp://127.0.0.1:1883"}
            storage: {file: state/agent.db}
            devices:
              - id: probe-fibre
                kind: probe
                name: Sonde fibre
                driver: probe
                pollSeconds: 60
            %s
            """;

    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader(Map.of());

    /** The device's other lines (its settings, a read timeout), indented under it. */
    private NodeConfig load(String deviceLines) throws ConfigException {
        String indented = deviceLines.stripIndent().lines().map(line -> "    " + line).reduce("", (a, b) -> a + b + "\n");
        return loader.parse(NODE.formatted(indented), dir);
    }

    private ProbeSettings settingsOf(String deviceLines) throws ConfigException {
        DeviceConfig device = load(deviceLines).devices().get(0);
        return device.settings(ProbeSettings.class);
    }

    @Test
    void readsEverySetting() throws Exception {
        Path ca = TestPki.authority("Relais CA").writeCertificate(dir.resolve("hub-ca.pem"));
        ProbeSettings settings = settingsOf("""
                readTimeoutSeconds: 60
                settings:
                  targets: [tcp://hub.example:8883, "tcp://[2606:4700:4700::1111]:443"]
                  attempts: 3
                  connectTimeoutMillis: 2000
                  dns: [hub.example, www.service-public.fr]
                  https: https://hub.example:8443/api/health
                  caFile: %s
                  throughput: {url: "https://hub.example:8443/api/probe/download?bytes=2000000", maxBytes: 2000000,
                               maxSeconds: 15, everyHours: 12}
                  link: 4g
                  interface: wwan0
                  latencyWarningMs: 250
                  latencyCriticalMs: 900
                  lossWarningPercent: 10
                  lossCriticalPercent: 60
                  throughputWarningMbps: 2.5
                  sysRoot: /tmp/sys
                  procRoot: /tmp/proc
                """.formatted(ca));

        assertThat(settings.targets()).containsExactly(new TcpTarget("hub.example", 8883),
                new TcpTarget("2606:4700:4700::1111", 443));
        assertThat(settings.targets().get(1)).hasToString("[2606:4700:4700::1111]:443");
        assertThat(settings.attempts()).isEqualTo(3);
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.dnsNames()).containsExactly("hub.example", "www.service-public.fr");
        assertThat(settings.https()).contains(URI.create("https://hub.example:8443/api/health"));
        assertThat(settings.trust().authorities()).hasSize(1);
        assertThat(settings.throughput()).contains(new ThroughputSettings(
                URI.create("https://hub.example:8443/api/probe/download?bytes=2000000"), 2_000_000,
                Duration.ofSeconds(15), Duration.ofHours(12)));
        assertThat(settings.link()).isEqualTo(LinkKind.CELLULAR_4G);
        assertThat(settings.interfaceName()).contains("wwan0");
        assertThat(settings.thresholds()).isEqualTo(new ProbeThresholds(250, 900, 10, 60, Optional.of(2.5)));
        assertThat(settings.sysRoot()).isEqualTo(Path.of("/tmp/sys"));
        assertThat(settings.procRoot()).isEqualTo(Path.of("/tmp/proc"));
    }

    /** The three examples of edge-agent/README.md ("Connectivity probe") load as written. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            fibre coworking | "readTimeoutSeconds: 45\nsettings:\n  link: fibre\n  targets: [tcp://relais.portes-thierache.fr:443, tcp://1.1.1.1:443, tcp://9.9.9.9:443]\n  dns: [relais.portes-thierache.fr, www.service-public.fr]\n  https: https://relais.portes-thierache.fr/api/health\n  throughput:\n    url: https://relais.portes-thierache.fr/api/probe/download?bytes=20000000\n    maxBytes: 20000000\n    maxSeconds: 20\n    everyHours: 6\n  throughputWarningMbps: 100"
            ADSL mediation  | "readTimeoutSeconds: 45\nsettings:\n  link: adsl\n  targets: [tcp://relais.portes-thierache.fr:443, tcp://1.1.1.1:443]\n  dns: [relais.portes-thierache.fr]\n  https: https://relais.portes-thierache.fr/api/health\n  throughput: {url: 'https://relais.portes-thierache.fr/api/probe/download', everyHours: 6}\n  latencyWarningMs: 200\n  throughputWarningMbps: 2"
            4G van          | "readTimeoutSeconds: 30\nsettings:\n  link: 4g\n  interface: wwan0\n  targets: [tcp://relais.portes-thierache.fr:443, tcp://1.1.1.1:443]\n  attempts: 3\n  https: https://relais.portes-thierache.fr/api/health\n  throughput:\n    url: https://relais.portes-thierache.fr/api/probe/download?bytes=2000000\n    maxBytes: 2000000\n    maxSeconds: 15\n    everyHours: 12\n  latencyWarningMs: 300\n  latencyCriticalMs: 1500\n  lossWarningPercent: 10"
            """)
    void theReadmeExamplesLoad(String place, String deviceLines) throws Exception {
        ProbeSettings settings = settingsOf(deviceLines.replace("\\n", "\n"));

        assertThat(settings.targets()).as(place).isNotEmpty();
        assertThat(settings.throughput()).as(place).isPresent();
    }

    @Test
    void appliesTheDefaults() throws Exception {
        ProbeSettings settings = settingsOf("""
                readTimeoutSeconds: 60
                settings:
                  targets: [tcp://hub.example:8883]
                  throughput: {url: "https://hub.example:8443/api/probe/download"}
                """);

        assertThat(settings.attempts()).isEqualTo(5);
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofMillis(3000));
        assertThat(settings.dnsNames()).isEmpty();
        assertThat(settings.https()).isEmpty();
        assertThat(settings.trust()).isEqualTo(HubTrust.system());
        assertThat(settings.throughput()).get().satisfies(test -> {
            assertThat(test.maxBytes()).isEqualTo(5_000_000);
            assertThat(test.maxDuration()).isEqualTo(Duration.ofSeconds(20));
            assertThat(test.every()).isEqualTo(Duration.ofHours(6));
        });
        assertThat(settings.link()).isEqualTo(LinkKind.UNKNOWN);
        assertThat(settings.interfaceName()).isEmpty();
        assertThat(settings.thresholds()).isEqualTo(ProbeThresholds.DEFAULTS);
        assertThat(settings.sysRoot()).isEqualTo(Path.of("/sys"));
        assertThat(settings.procRoot()).isEqualTo(Path.of("/proc"));
        assertThat(settings.worstCase()).isEqualTo(Duration.ofSeconds(18 + 20 + 1));
    }

    @Test
    void theSettingsOfAgentCheckAreOneTargetAndTheDefaults() {
        ProbeSettings settings = ProbeSettings.checking(new TcpTarget("hub.example", 443));

        assertThat(settings.targets()).containsExactly(new TcpTarget("hub.example", 443));
        assertThat(settings.throughput()).isEmpty();
        assertThat(settings.worstCase()).isEqualTo(Duration.ofSeconds(19));
        assertThat(TcpTarget.of("tcp://hub.example:443")).isEqualTo(new TcpTarget("hub.example", 443));
        assertThatThrownBy(() -> TcpTarget.of("hub.example:443")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("target: 'hub.example:443' is not tcp://host:port (such as tcp://hub.example:8883)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no settings at all        | readTimeoutSeconds: 60                                 | devices[0].settings: is required for a probe
            no targets                | settings: {attempts: 3}                                | devices[0].settings.targets: is required
            empty target list         | settings: {targets: []}                                | devices[0].settings.targets: must list 1 to 8 targets
            target not a list         | settings: {targets: tcp://hub:443}                     | devices[0].settings.targets: must be a list of texts
            target over HTTP          | settings: {targets: ['http://hub:80']}                 | devices[0].settings.targets[0]: 'http://hub:80' is not tcp://host:port
            target with a path        | settings: {targets: ['tcp://hub:80/x']}                | devices[0].settings.targets[0]: 'tcp://hub:80/x' is not tcp://host:port
            target without port       | settings: {targets: ['tcp://hub']}                     | devices[0].settings.targets[0]: 'tcp://hub' needs a port between 1 and 65535
            target port too high      | settings: {targets: ['tcp://hub:70000']}               | devices[0].settings.targets[0]: 'tcp://hub:70000' needs a port
            target twice              | settings: {targets: ['tcp://hub:1', 'tcp://hub:1']}    | devices[0].settings.targets[1]: hub:1 is listed twice
            attempts of zero          | settings: {targets: ['tcp://hub:1'], attempts: 0}      | devices[0].settings.attempts: must be between 1 and 20, got 0
            attempts as text          | settings: {targets: ['tcp://hub:1'], attempts: five}   | devices[0].settings.attempts: must be an integer
            timeout too short         | settings: {targets: ['tcp://hub:1'], connectTimeoutMillis: 5} | devices[0].settings.connectTimeoutMillis: must be between 100 and 30000
            unknown link              | settings: {targets: ['tcp://hub:1'], link: dsl}        | devices[0].settings.link: 'dsl' is not one of: fibre, vdsl, adsl, 4g, 5g, satellite, unknown
            https in clear            | settings: {targets: ['tcp://hub:1'], https: 'http://hub/api/health'} | devices[0].settings.https: 'http://hub/api/health' is not an https:// address
            bad DNS name              | settings: {targets: ['tcp://hub:1'], dns: ['hub example']} | devices[0].settings.dns[0]: 'hub example' is not a host name
            interface out of /sys     | settings: {targets: ['tcp://hub:1'], interface: '../../etc'} | devices[0].settings.interface: '../../etc' is not a network interface name
            CA file relative          | settings: {targets: ['tcp://hub:1'], caFile: hub-ca.pem} | devices[0].settings.caFile: 'hub-ca.pem' must be an absolute path
            CA file missing           | settings: {targets: ['tcp://hub:1'], caFile: /nonexistent/hub-ca.pem} | devices[0].settings.caFile: cannot read /nonexistent/hub-ca.pem
            critical below warning    | settings: {targets: ['tcp://hub:1'], latencyCriticalMs: 100} | devices[0].settings.latencyCriticalMs: must be at least latencyWarningMs (150.0), got 100.0
            loss above 100 %          | settings: {targets: ['tcp://hub:1'], lossCriticalPercent: 150} | devices[0].settings.lossCriticalPercent: must be above 0 and at most 100
            throughput of nothing     | settings: {targets: ['tcp://hub:1'], throughputWarningMbps: 0} | devices[0].settings.throughputWarningMbps: must be above 0
            throughput without URL    | settings: {targets: ['tcp://hub:1'], throughput: {maxBytes: 1000}} | devices[0].settings.throughput.url: is required
            throughput over FTP       | settings: {targets: ['tcp://hub:1'], throughput: {url: 'ftp://hub/f'}} | devices[0].settings.throughput.url: 'ftp://hub/f' is not an http:// or https:// address
            throughput above 50 MB    | settings: {targets: ['tcp://hub:1'], throughput: {url: 'https://hub/d', maxBytes: 60000000}} | devices[0].settings.throughput.maxBytes: must be between 1 and 50000000, got 60000000
            throughput every 0 h      | settings: {targets: ['tcp://hub:1'], throughput: {url: 'https://hub/d', everyHours: 0}} | devices[0].settings.throughput.everyHours: must be between 1 and 168, got 0
            unknown throughput field  | settings: {targets: ['tcp://hub:1'], throughput: {url: 'https://hub/d', size: 3}} | devices[0].settings.throughput.size: unknown field
            unknown setting           | settings: {targets: ['tcp://hub:1'], colour: red}      | devices[0].settings.colour: unknown field
            """)
    void refusesWithTheFieldAndTheReason(String what, String deviceLines, String message) {
        assertThatThrownBy(() -> load("readTimeoutSeconds: 60\n" + deviceLines.replace("readTimeoutSeconds: 60", "")))
                .as(what).isInstanceOf(ConfigException.class).hasMessageContaining(message);
    }

    /** The default read timeout (10 s) cannot hold a poll that may last 19 s: said when the file is read. */
    @Test
    void aReadTimeoutShorterThanThePollIsRefusedWithTheNeededValueAndLeftOutItIsTheWorstCase() throws Exception {
        assertThatThrownBy(() -> load("readTimeoutSeconds: 10\nsettings: {targets: ['tcp://hub.example:8883']}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("devices[0].readTimeoutSeconds: a poll of this probe may take up to 19 s (5 attempts"
                        + " of up to 3000 ms per target after the name lookups): set readTimeoutSeconds to at least 19"
                        + " (it is 10), or leave it out");
        assertThatThrownBy(() -> load("readTimeoutSeconds: 30\nsettings: {targets: ['tcp://hub:1'],"
                + " throughput: {url: 'https://hub/d'}}"))
                .hasMessageContaining("then a download of up to 20 s): set readTimeoutSeconds to at least 39");
        assertThat(load("settings: {targets: ['tcp://hub.example:8883']}").devices().get(0).readTimeout())
                .isEqualTo(java.time.Duration.ofSeconds(19));
    }

    @Test
    void aFileThatIsNotACertificateIsRefused() throws Exception {
        Path garbage = Files.writeString(dir.resolve("hub-ca.pem"), "not a certificate\n");

        assertThatThrownBy(() -> load("readTimeoutSeconds: 60\nsettings: {targets: ['tcp://hub:1'], caFile: " + garbage + "}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("devices[0].settings.caFile: " + garbage);
    }

    @Test
    void theProbeDriverDrivesProbesOnly() {
        assertThatThrownBy(() -> loader.parse(NODE.formatted("").replace("kind: probe", "kind: printer"), dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("devices[0].kind: driver 'probe' drives [probe], not 'printer'");
        assertThat(List.of(new ProbeDriver().driver())).containsExactly("probe");
    }
}
