package fr.relais.agent.device.gpio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.relais.agent.config.ConfigException;
import fr.relais.agent.config.ConfigLoader;
import fr.relais.agent.config.NodeConfig;
import fr.relais.agent.device.DriverRegistry;
import fr.relais.protocol.json.FieldException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GpioSettingsTest {
    @Test
    void aBareNumberTakesTheUsualWiringOfItsFunction() throws FieldException {
        DoorSettings door = (DoorSettings) Settings.read(new GpioDoorDriver(), "relay: 27\ncontact: 17\nexitButton: 22");
        assertThat(door.relay()).isEqualTo(new Pin(27, false, Pull.NONE));
        assertThat(door.contact()).as("a reed contact to ground").isEqualTo(new Pin(17, true, Pull.UP));
        assertThat(door.exitButton()).contains(new Pin(22, true, Pull.UP));
        assertThat(door.led()).isEmpty();
        assertThat(door.pulse()).isEqualTo(Duration.ofSeconds(3));
        assertThat(door.requestWindow()).isEqualTo(Duration.ofSeconds(10));
        assertThat(door.heldOpenAfter()).isEqualTo(Duration.ofSeconds(60));

        PresenceSettings presence = (PresenceSettings) Settings.read(new GpioPresenceDriver(), "pir: 5");
        assertThat(presence.pir()).isEqualTo(new Pin(5, false, Pull.DOWN));
        assertThat(presence.hold()).isEqualTo(Duration.ofSeconds(300));
        assertThat(presence.debounce()).isEqualTo(Duration.ofMillis(200));
        assertThat(presence.room()).isEmpty();

        CounterSettings counter = (CounterSettings) Settings.read(new PeopleCounterDriver(), "outerBeam: 20\ninnerBeam: 21");
        assertThat(counter.outerBeam()).as("break = active").isEqualTo(new Pin(20, false, Pull.UP));
        assertThat(counter.resetAt()).isEqualTo(LocalTime.of(4, 0));
        assertThat(counter.timezone()).isEqualTo(ZoneId.of("Europe/Paris"));

        WiegandSettings wiegand = (WiegandSettings) Settings.read(new WiegandDriver(), "d0: 14\nd1: 15");
        assertThat(wiegand.d0()).isEqualTo(new Pin(14, true, Pull.UP));
        assertThat(wiegand.frameTimeout()).isEqualTo(Duration.ofMillis(25));
    }

    @Test
    void anObjectSaysHowAnUnusualPartIsWired() throws FieldException {
        DoorSettings door = (DoorSettings) Settings.read(new GpioDoorDriver(),
                "relay: {pin: 27, activeLow: true}\ncontact: {pin: 17, activeLow: false, pull: down}\nled: {pin: 23}");
        assertThat(door.relay()).isEqualTo(new Pin(27, true, Pull.NONE));
        assertThat(door.contact()).isEqualTo(new Pin(17, false, Pull.DOWN));
        assertThat(door.led()).contains(new Pin(23, false, Pull.NONE));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "pin off the header       | relay: 28                      | settings.relay: BCM 28 is not on the header (0 to 27)",
        "negative pin             | relay: -1                      | settings.relay: BCM -1 is not on the header",
        "pin as a name            | relay: GPIO27                  | settings.relay: must be a BCM number from 0 to 27, or an object such as {pin: 17, activeLow: true, pull: up}, got the text 'GPIO27'",
        "pin as a decimal         | relay: 27.5                    | settings.relay: must be a BCM number",
        "pin as a list            | relay: [27]                    | settings.relay: must be a BCM number",
        "object pin off header    | relay: {pin: 40}               | settings.relay.pin: BCM 40 is not on the header",
        "object without its pin   | relay: {activeLow: true}       | settings.relay.pin: is required",
        "unknown pull             | relay: 27\\ncontact: {pin: 17, pull: sideways} | settings.contact.pull: 'sideways' is not one of: up, down, none",
        "pull on an output        | relay: {pin: 27, pull: up}     | settings.relay.pull: only an input has a pull resistor",
        "unknown pin field        | relay: {pin: 27, invert: true} | settings.relay.invert: unknown field",
        "missing contact          | relay: 27                      | settings.contact: is required",
        "one pin, two functions   | relay: 27\\ncontact: 17\\nled: {pin: 17} | settings.led: BCM 17 is already settings.contact of this device",
        "unknown setting          | relay: 27\\ncontact: 17\\nstrike: 26 | settings.strike: unknown field",
        "pulse too short          | relay: 27\\ncontact: 17\\npulseMillis: 10 | settings.pulseMillis: must be between 100 and 30000",
        "window shorter than pulse| relay: 27\\ncontact: 17\\npulseMillis: 8000\\nforcedWindowSeconds: 5 | settings.forcedWindowSeconds: must be at least pulseMillis (8000 ms)",
    })
    void aDoorRefusesWhatDoesNotFitAndNamesTheField(String what, String settings, String message) {
        assertThatThrownBy(() -> Settings.read(new GpioDoorDriver(), settings.replace("\\n", "\n")))
                .isInstanceOf(FieldException.class).hasMessageStartingWith(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "reset time not a time    | resetAt: midnight  | settings.resetAt: 'midnight' is not a time of day such as 04:00",
        "reset time with seconds  | resetAt: '04:00:00' | settings.resetAt: '04:00:00' is not a time of day",
        "unknown time zone        | timezone: Paris    | settings.timezone: 'Paris' is not a time zone such as Europe/Paris",
        "same pin for both beams  | innerBeam: 20      | settings.innerBeam: BCM 20 is already settings.outerBeam",
    })
    void aCounterRefusesWhatDoesNotFit(String what, String setting, String message) {
        String settings = "outerBeam: 20\n" + (setting.startsWith("innerBeam") ? "" : "innerBeam: 21\n") + setting;
        assertThatThrownBy(() -> Settings.read(new PeopleCounterDriver(), settings)).hasMessageStartingWith(message);
    }

    @Test
    void presenceAndWiegandRefuseWhatDoesNotFit() {
        assertThatThrownBy(() -> Settings.read(new GpioPresenceDriver(), "pir: 5\nholdSeconds: 0"))
                .hasMessage("settings.holdSeconds: must be between 1 and 86400, got 0");
        assertThatThrownBy(() -> Settings.read(new GpioPresenceDriver(), "pir: 5\nroom: '  '"))
                .hasMessage("settings.room: must not be blank");
        assertThatThrownBy(() -> Settings.read(new WiegandDriver(), "d0: 14\nd1: 14"))
                .hasMessageStartingWith("settings.d1: BCM 14 is already settings.d0");
        assertThatThrownBy(() -> Settings.read(new WiegandDriver(), "d0: 14\nd1: 15\nframeTimeoutMillis: 2"))
                .hasMessageStartingWith("settings.frameTimeoutMillis: must be between 5 and 1000");
    }

    @Test
    void theConfigurationLoaderKnowsTheGpioDriversAndWantsABadgeKeyForAWiegandReader() throws ConfigException {
        String yaml = """
                node: cowork-pi
                site: {id: rozoy-cowork, name: "Coworking de Rozoy", kind: coworking}
                broker: {url: "tcp://127.0.0.1:1883"}
                storage: {file: agent.db}
                devices:
                  - id: porte-entree
                    kind: door
                    name: Porte d'entrée
                    driver: gpio-door
                    settings: {relay: 27, contact: 17, exitButton: 22, led: 23, buzzer: 24}
                  - id: lecteur-entree
                    kind: badge-reader
                    name: Lecteur de badges
                    driver: wiegand
                    settings: {d0: 14, d1: 15}
                """;
        ConfigLoader loader = new ConfigLoader(Map.of(), DriverRegistry.standard());
        assertThatThrownBy(() -> loader.parse(yaml, Path.of(".")))
                .hasMessageContaining("badges: is required: device 'lecteur-entree'");

        NodeConfig config = loader.parse(yaml + "badges: {hashKey: \"" + "k".repeat(32) + "\"}\n", Path.of("."));
        assertThat(config.devices().get(0).settings()).isInstanceOf(DoorSettings.class);
        assertThat(config.devices().get(1).settings(WiegandSettings.class).led()).isEqualTo(Optional.empty());
        assertThatThrownBy(() -> loader.parse(yaml.replace("kind: door", "kind: printer"), Path.of(".")))
                .hasMessageContaining("driver 'gpio-door' drives [door], not 'printer'");
    }
}
