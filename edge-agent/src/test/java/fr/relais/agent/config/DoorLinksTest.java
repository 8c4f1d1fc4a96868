package fr.relais.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.relais.protocol.access.AccessKeys;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readers and doors in agent.yaml: which reader opens which door, and every mistake named by its field. */
class DoorLinksTest {
    static final String KEY = Base64.getEncoder().encodeToString(AccessKeys.generate().getPublic().getEncoded());

    @TempDir
    Path dir;
    final ConfigLoader loader = new ConfigLoader(Map.of());

    static String node(String access, String devices) {
        return """
                node: cowork-pi
                site: {id: rozoy-cowork, name: Coworking, kind: coworking}
                broker: {url: "tcp://127.0.0.1:1883"}
                storage: {file: agent.db}
                badges: {hashKey: 0123456789abcdef0123456789abcdef}
                """ + access + "devices:\n" + devices;
    }

    static String access() {
        return "access: {publicKey: \"" + KEY + "\"}\n";
    }

    static String door(String id, int relay, int contact) {
        return """
                  - id: %s
                    kind: door
                    name: Porte
                    driver: gpio-door
                    settings: {relay: %d, contact: %d}
                """.formatted(id, relay, contact);
    }

    static String wiegand(String id, int d0, int d1, String extra) {
        return """
                  - id: %s
                    kind: badge-reader
                    name: Lecteur
                    driver: wiegand
                    settings: {d0: %d, d1: %d%s}
                """.formatted(id, d0, d1, extra);
    }

    static String serial(String id, String extra) {
        return """
                  - id: %s
                    kind: badge-reader
                    name: Lecteur série
                    driver: serial-badge
                    settings: {port: /dev/ttyUSB0, format: rdm6300%s}
                """.formatted(id, extra);
    }

    static String evdev(String id, String extra) {
        return """
                  - id: %s
                    kind: badge-reader
                    name: Lecteur USB
                    driver: evdev
                    settings: {device: /dev/input/event3%s}
                """.formatted(id, extra);
    }

    NodeConfig parse(String yaml) throws ConfigException {
        return loader.parse(yaml, dir);
    }

    @Test
    void withAccessTheOnlyDoorIsTheDoorOfEveryReaderThatNamesNone() throws ConfigException {
        NodeConfig config = parse(node(access(), door("porte", 27, 17) + wiegand("entree", 5, 6, "")
                + serial("sortie", ", direction: exit") + evdev("usb", "")));

        assertThat(config.doorLinks()).containsExactly(
                new DoorLink("entree", "porte", Direction.ENTRY),
                new DoorLink("sortie", "porte", Direction.EXIT),
                new DoorLink("usb", "porte", Direction.ENTRY));
        assertThat(config.doorLink("entree")).hasValue(new DoorLink("entree", "porte", Direction.ENTRY));
    }

    @Test
    void withoutAccessReadersStayUnlinked() throws ConfigException {
        NodeConfig config = parse(node("", door("porte", 27, 17) + wiegand("entree", 5, 6, "")));

        assertThat(config.doorLinks()).isEmpty();
        assertThat(config.doorLink("entree")).isEmpty();
    }

    @Test
    void withTwoDoorsEachReaderNamesItsOwn() throws ConfigException {
        NodeConfig config = parse(node(access(), door("porte", 27, 17) + door("salle", 22, 23)
                + wiegand("entree", 5, 6, ", door: salle, direction: entry") + evdev("accueil", "")));

        assertThat(config.doorLinks()).containsExactly(new DoorLink("entree", "salle", Direction.ENTRY));
    }

    @Test
    void anUnknownDoorIsRefusedByItsField() {
        assertThatThrownBy(() -> parse(node(access(), door("porte", 27, 17)
                + wiegand("entree", 5, 6, ", door: portail"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("devices[1].settings.door").hasMessageContaining("'portail'")
                .hasMessageContaining("porte");
    }

    @Test
    void aDeviceThatIsNotADoorIsRefused() {
        assertThatThrownBy(() -> parse(node(access(), door("porte", 27, 17) + wiegand("entree", 5, 6, "")
                + evdev("usb", ", door: entree"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("devices[2].settings.door");
    }

    @Test
    void aDirectionOtherThanEntryOrExitIsRefusedByItsField() {
        assertThatThrownBy(() -> parse(node(access(), door("porte", 27, 17)
                + serial("entree", ", direction: inside"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("devices[1].settings.direction").hasMessageContaining("entry, exit");
    }

    @Test
    void aReaderLinkedToADoorNeedsTheHubsKey() {
        assertThatThrownBy(() -> parse(node("", door("porte", 27, 17) + wiegand("entree", 5, 6, ", door: porte"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("access.publicKey")
                .hasMessageContaining("entree");
    }

    @Test
    void aDirectionWithoutADoorIsRefused() {
        assertThatThrownBy(() -> parse(node("", door("porte", 27, 17) + evdev("usb", ", direction: exit"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("devices[1].settings.direction");
    }

    @Test
    void aDoorIdThatIsNoIdIsRefused() {
        assertThatThrownBy(() -> parse(node(access(), door("porte", 27, 17) + evdev("usb", ", door: \"a b\""))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("settings.door");
    }
}
