package fr.relais.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.relais.agent.localapi.MaintenancePin;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code kioskApi:} block: opt-in, strict like the rest (an unknown or wrong field is named). */
class KioskApiConfigTest {
    private static final String BASE = """
            node: montcornet-pi
            site: {id: montcornet, name: Tiers-lieu de Montcornet, kind: mediation}
            broker: {url: "tcp://127.0.0.1:1883"}
            storage: {file: agent.db}
            badges: {hashKey: test-only-badge-key-0123456789abcdef}
            devices:
              - {id: borne, kind: kiosk, name: Borne, driver: simulated}
              - {id: lecteur-borne, kind: badge-reader, name: Lecteur de la borne, driver: simulated}
            """;

    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader(Map.of());

    @Test
    void withoutTheBlockTheNodeServesNoKiosk() throws Exception {
        assertThat(loader.parse(BASE, dir).kioskApi()).isEmpty();
    }

    @Test
    void readsEveryField() throws Exception {
        String pin = MaintenancePin.hash("2468");
        NodeConfig config = loader.parse(BASE + """
                kioskApi:
                  port: 0
                  linkFile: run/kiosk-link.json
                  reader: lecteur-borne
                  ticketPrinter: {type: network, host: 192.168.1.50}
                  maintenancePin: "%s"
                  technicianBadges: ["%s"]
                """.formatted(pin, "ab".repeat(32)), dir);

        KioskApiSettings kiosk = config.kioskApi().orElseThrow();
        assertThat(kiosk.port()).isZero();
        assertThat(kiosk.linkFile()).isEqualTo(dir.resolve("run/kiosk-link.json"));
        assertThat(kiosk.reader()).contains("lecteur-borne");
        assertThat(kiosk.ticketPrinter()).contains(new KioskApiSettings.NetworkPrinter("192.168.1.50", 9100));
        assertThat(kiosk.maintenancePin().orElseThrow().matches("2468")).isTrue();
        assertThat(kiosk.technicianBadges()).containsExactly("ab".repeat(32));
        assertThat(config.maskedText()).as("get-config never shows the PIN's hash").doesNotContain(pin);
    }

    @Test
    void defaultsToPort8471AndReadsAUsbPrinter() throws Exception {
        KioskApiSettings kiosk = loader.parse(BASE + "kioskApi: {linkFile: /run/relais-agent/kiosk-link.json,"
                + " ticketPrinter: {type: usb, path: /dev/usb/lp0}}\n", dir).kioskApi().orElseThrow();
        assertThat(kiosk.port()).isEqualTo(8471);
        assertThat(kiosk.ticketPrinter()).contains(new KioskApiSettings.UsbPrinter(Path.of("/dev/usb/lp0")));
    }

    @Test
    void refusesWhatItDoesNotKnowNamingTheField() {
        assertRefused("kioskApi: {linkFile: l.json, colour: blue}", "kioskApi.colour: unknown field");
        assertRefused("kioskApi: {port: 8471}", "kioskApi.linkFile: is required");
        assertRefused("kioskApi: {linkFile: l.json, port: 70000}", "kioskApi.port: must be between 0 and 65535");
        assertRefused("kioskApi: {linkFile: l.json, reader: borne}", "kioskApi.reader: 'borne' is not a badge-reader");
        assertRefused("kioskApi: {linkFile: l.json, ticketPrinter: {type: serial}}",
                "kioskApi.ticketPrinter.type: 'serial' is not network or usb");
        assertRefused("kioskApi: {linkFile: l.json, ticketPrinter: {type: usb, path: /dev/usb/lp0, speed: 9600}}",
                "kioskApi.ticketPrinter.speed: unknown field");
        assertRefused("kioskApi: {linkFile: l.json, maintenancePin: \"1234\"}", "kioskApi.maintenancePin: must look like");
        assertRefused("kioskApi: {linkFile: l.json, technicianBadges: [\"0123456789\"]}",
                "kioskApi.technicianBadges[0]: must be a keyed badge hash");
    }

    @Test
    void theKioskReaderIsNeverTheOnlyDoorsByDefaultAndMayNotNameADoor() throws Exception {
        String devices = DoorLinksTest.door("porte", 27, 17) + DoorLinksTest.wiegand("lecteur-porte", 5, 6, "")
                + DoorLinksTest.wiegand("lecteur-borne", 20, 21, "");
        NodeConfig config = loader.parse(DoorLinksTest.node(DoorLinksTest.access(), devices)
                + "kioskApi: {linkFile: l.json, reader: lecteur-borne}\n", dir);
        assertThat(config.doorLinks()).extracting(DoorLink::reader).containsExactly("lecteur-porte");

        String named = DoorLinksTest.door("porte", 27, 17) + DoorLinksTest.wiegand("lecteur-borne", 20, 21,
                ", door: porte");
        assertThatThrownBy(() -> loader.parse(DoorLinksTest.node(DoorLinksTest.access(), named)
                + "kioskApi: {linkFile: l.json, reader: lecteur-borne}\n", dir)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("kioskApi.reader: 'lecteur-borne' opens door 'porte'");
    }

    private void assertRefused(String block, String message) {
        assertThatThrownBy(() -> loader.parse(BASE + block + "\n", dir)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(message);
    }
}
