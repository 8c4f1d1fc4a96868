package fr.relais.agent.device.badge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.relais.agent.config.ConfigException;
import fr.relais.agent.config.ConfigLoader;
import fr.relais.agent.config.DeviceConfig;
import fr.relais.agent.config.NodeConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evdev and serial-badge blocks of agent.yaml: defaults, and every error naming its field. */
class BadgeReaderSettingsTest {
    private static final String HEAD = """
            node: rozoy-pi
            site: {id: rozoy, name: Coworking de Rozoy-sur-Serre, kind: coworking}
            broker: {url: "tcp://127.0.0.1:1883"}
            storage: {file: agent.db}
            """;
    private static final String KEY = "badges: {hashKey: \"0123456789abcdef0123456789abcdef\"}\n";

    @TempDir
    Path dir;

    private NodeConfig parse(String yaml) throws ConfigException {
        return new ConfigLoader(Map.of()).parse(HEAD + yaml, dir);
    }

    private void refused(String yaml, String message) {
        assertThatThrownBy(() -> parse(yaml)).isInstanceOf(ConfigException.class).hasMessageContaining(message);
    }

    @Test
    void bothDriversWithTheirDefaults() throws Exception {
        NodeConfig config = parse(KEY + """
                devices:
                  - id: badge-usb
                    kind: badge-reader
                    name: Lecteur USB de l'accueil
                    driver: evdev
                    settings: {device: /dev/input/by-id/usb-Sycreader_RFID-event-kbd}
                  - id: badge-door
                    kind: badge-reader
                    name: Lecteur RFID de la porte
                    driver: serial-badge
                    settings: {port: /dev/serial/by-id/usb-FTDI_FT232R-if00-port0, format: rdm6300}
                """);

        DeviceConfig usb = config.devices().get(0);
        assertThat(usb.settings(EvdevSettings.class)).isEqualTo(new EvdevSettings(
                Path.of("/dev/input/by-id/usb-Sycreader_RFID-event-kbd"), true, KeyLayout.QWERTY));
        assertThat(config.devices().get(1).settings(SerialBadgeSettings.class)).isEqualTo(new SerialBadgeSettings(
                "/dev/serial/by-id/usb-FTDI_FT232R-if00-port0", 9600, SerialFrameFormat.RDM6300));
    }

    @Test
    void everySettingCanBeGiven() throws Exception {
        NodeConfig config = parse(KEY + """
                devices:
                  - {id: badge-usb, kind: badge-reader, name: USB, driver: evdev,
                     settings: {device: /dev/input/event3, grab: false, layout: azerty}}
                  - {id: badge-nfc, kind: badge-reader, name: NFC, driver: serial-badge,
                     settings: {port: /dev/ttyACM0, baud: 115200, format: line}}
                """);

        assertThat(config.devices().get(0).settings(EvdevSettings.class))
                .isEqualTo(new EvdevSettings(Path.of("/dev/input/event3"), false, KeyLayout.AZERTY));
        assertThat(config.devices().get(1).settings(SerialBadgeSettings.class))
                .isEqualTo(new SerialBadgeSettings("/dev/ttyACM0", 115_200, SerialFrameFormat.LINE));
    }

    @Test
    void aBadgeReaderNeedsTheSitesHashKey() {
        refused("""
                devices:
                  - {id: badge-usb, kind: badge-reader, name: USB, driver: evdev, settings: {device: /dev/input/event3}}
                """, "badges: is required: device 'badge-usb' reads badges");
    }

    @Test
    void badSettingsAreRefusedWithTheirField() {
        refused(KEY + """
                devices:
                  - {id: b, kind: badge-reader, name: B, driver: evdev, settings: {device: event3}}
                """, "devices[0].settings.device: must be an absolute path");
        refused(KEY + """
                devices:
                  - {id: b, kind: badge-reader, name: B, driver: evdev, settings: {device: /dev/input/event3, grab: yes please}}
                """, "devices[0].settings.grab: must be true or false");
        refused(KEY + """
                devices:
                  - {id: b, kind: badge-reader, name: B, driver: evdev, settings: {device: /dev/input/event3, layout: dvorak}}
                """, "devices[0].settings.layout: 'dvorak' is not one of: qwerty, azerty");
        refused(KEY + """
                devices:
                  - {id: b, kind: badge-reader, name: B, driver: serial-badge, settings: {port: /dev/ttyUSB0}}
                """, "devices[0].settings.format: is required");
        refused(KEY + """
                devices:
                  - {id: b, kind: badge-reader, name: B, driver: serial-badge, settings: {port: /dev/ttyUSB0, format: wiegand}}
                """, "devices[0].settings.format: 'wiegand' is not one of: rdm6300, line");
        refused(KEY + """
                devices:
                  - {id: b, kind: badge-reader, name: B, driver: serial-badge, settings: {port: /dev/ttyUSB0, format: line, baud: 0}}
                """, "devices[0].settings.baud: must be between 300 and 921600, got 0");
        refused(KEY + """
                devices:
                  - {id: b, kind: badge-reader, name: B, driver: serial-badge, settings: {port: ttyUSB0, format: line}}
                """, "devices[0].settings.port: must be an absolute path");
        refused(KEY + """
                devices:
                  - {id: b, kind: badge-reader, name: B, driver: serial-badge, settings: {port: /dev/ttyUSB0, format: line, parity: even}}
                """, "devices[0].settings.parity: unknown field");
        refused(KEY + """
                devices:
                  - {id: b, kind: badge-reader, name: B, driver: serial-badge}
                """, "devices[0].settings: is required");
    }

    @Test
    void onlyBadgeReadersUseTheseDrivers() {
        refused(KEY + """
                devices:
                  - {id: b, kind: door, name: B, driver: evdev, settings: {device: /dev/input/event3}}
                """, "devices[0].kind: driver 'evdev' drives [badge-reader], not 'door'");
    }
}
