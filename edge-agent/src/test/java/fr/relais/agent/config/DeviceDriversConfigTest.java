package fr.relais.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.relais.agent.device.Device;
import fr.relais.agent.device.DriverContext;
import fr.relais.agent.device.DriverFactory;
import fr.relais.agent.device.DriverRegistry;
import fr.relais.agent.device.simulated.SimulatedDriver;
import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.json.FieldException;
import fr.relais.protocol.json.StrictObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The devices block goes through the driver registry: driver, kind, settings, badge key. */
class DeviceDriversConfigTest {
    private static final String KEY = "0123456789abcdef0123456789abcdef-site-key";

    /** A driver that reads badges and wants a {@code port}. */
    record ReaderSettings(String port, long baud) {
    }

    private static final DriverFactory READER = new DriverFactory() {
        @Override
        public String driver() {
            return "test-reader";
        }

        @Override
        public Set<DeviceKind> kinds() {
            return Set.of(DeviceKind.BADGE_READER);
        }

        @Override
        public Object settings(StrictObject device) throws FieldException {
            StrictObject settings = device.object("settings");
            ReaderSettings read = new ReaderSettings(settings.text("port"), settings.longIn("baud", 1200, 115_200, 9600));
            settings.finish();
            return read;
        }

        @Override
        public boolean readsBadges() {
            return true;
        }

        @Override
        public Device create(DeviceConfig config, DriverContext context) {
            throw new UnsupportedOperationException("not started in this test");
        }
    };

    private final ConfigLoader loader = new ConfigLoader(Map.of(),
            DriverRegistry.of(List.of(new SimulatedDriver(), READER)));

    private static String node(String devices) {
        return """
                node: rozoy-door
                site: {id: rozoy, name: Rozoy, kind: coworking}
                broker: {url: "tcp://127.0.0.1:1883"}
                storage: {file: agent.db}
                telemetry: {intervalSeconds: 20}
                """ + devices;
    }

    @Test
    void aDriverReadsItsOwnSettingsAndEachDeviceItsPollAndTimeout(@TempDir Path dir) throws ConfigException {
        NodeConfig config = loader.parse(node("""
                badges: {hashKey: "%s"}
                devices:
                  - {id: reader, kind: badge-reader, name: Lecteur, driver: test-reader, pollSeconds: 60,
                     readTimeoutSeconds: 3, settings: {port: /dev/ttyUSB0}}
                  - {id: printer, kind: printer, name: Imprimante, driver: simulated}
                """.formatted(KEY)), dir);

        DeviceConfig reader = config.devices().get(0);
        assertThat(reader.settings(ReaderSettings.class)).isEqualTo(new ReaderSettings("/dev/ttyUSB0", 9600));
        assertThat(reader.pollInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(reader.readTimeout()).isEqualTo(Duration.ofSeconds(3));
        DeviceConfig printer = config.devices().get(1);
        assertThat(printer.pollInterval()).as("the node's telemetry interval by default").isEqualTo(Duration.ofSeconds(20));
        assertThat(printer.readTimeout()).isEqualTo(DeviceConfig.DEFAULT_READ_TIMEOUT);
        assertThat(config.badgeHashKey()).contains(KEY);
        assertThat(config.maskedText()).doesNotContain(KEY);
        assertThat(config.toString()).doesNotContain(KEY).contains("badgeHashKey=****");
    }

    @Test
    void anUnknownDriverIsRefusedWithTheDriversThatExist(@TempDir Path dir) {
        assertThatThrownBy(() -> loader.parse(node("""
                devices:
                  - {id: p, kind: printer, name: P, driver: cups}
                """), dir))
                .hasMessage("devices[0].driver: no driver 'cups' in this version of the agent"
                        + " (available: simulated, test-reader)");
    }

    @Test
    void aDriverRefusesAKindItDoesNotDrive(@TempDir Path dir) {
        assertThatThrownBy(() -> loader.parse(node("""
                devices:
                  - {id: p, kind: printer, name: P, driver: test-reader, settings: {port: /dev/ttyUSB0}}
                """), dir))
                .hasMessage("devices[0].kind: driver 'test-reader' drives [badge-reader], not 'printer'");
    }

    @Test
    void aBadSettingIsNamedByItsPath(@TempDir Path dir) {
        assertThatThrownBy(() -> loader.parse(node("""
                badges: {hashKey: "%s"}
                devices:
                  - {id: r, kind: badge-reader, name: R, driver: test-reader, settings: {port: /dev/ttyUSB0, baud: 7}}
                """.formatted(KEY)), dir))
                .hasMessageStartingWith("devices[0].settings.baud: ");
        assertThatThrownBy(() -> loader.parse(node("""
                badges: {hashKey: "%s"}
                devices:
                  - {id: r, kind: badge-reader, name: R, driver: test-reader, settings: {port: /dev/ttyUSB0, parity: odd}}
                """.formatted(KEY)), dir))
                .hasMessageContaining("devices[0].settings.parity");
    }

    @Test
    void aGpioPinGivenToTwoDevicesOfTheNodeIsRefusedBeforeAnythingRuns(@TempDir Path dir) {
        ConfigLoader standard = new ConfigLoader(Map.of());
        assertThatThrownBy(() -> standard.parse(node("""
                devices:
                  - {id: porte, kind: door, name: Porte, driver: gpio-door, settings: {relay: 17, contact: 27}}
                  - {id: pir-salle, kind: presence-sensor, name: Salle, driver: gpio-presence, settings: {pir: 17}}
                """), dir))
                .hasMessage("devices: device 'pir-salle' settings.pir: BCM 17 is already settings.relay of device 'porte'");
    }

    @Test
    void aBadgeReaderNeedsTheSiteKeySoNoNumberLeavesInClear(@TempDir Path dir) {
        assertThatThrownBy(() -> loader.parse(node("""
                devices:
                  - {id: reader, kind: badge-reader, name: R, driver: test-reader, settings: {port: /dev/ttyUSB0}}
                """), dir))
                .hasMessageStartingWith("badges: is required: device 'reader' reads badges");
        assertThatThrownBy(() -> loader.parse(node("""
                badges: {hashKey: short}
                devices: []
                """), dir))
                .hasMessageStartingWith("badges.hashKey: must have at least 32 characters");
    }
}
