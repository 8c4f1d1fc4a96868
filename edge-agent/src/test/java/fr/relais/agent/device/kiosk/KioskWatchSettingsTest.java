package fr.relais.agent.device.kiosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.relais.agent.config.ConfigException;
import fr.relais.agent.config.ConfigLoader;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The kiosk-watch settings read from agent.yaml: defaults, the README's example, and refusals naming the field. */
class KioskWatchSettingsTest {
    @TempDir
    Path dir;

    private KioskWatchSettings settings(String yaml) {
        return KioskRig.load(dir, yaml).settings(KioskWatchSettings.class);
    }

    @Test
    void withoutSettingsTheWatchUsesSystemctlOnRelaisKiosk() {
        KioskWatchSettings settings = settings("");

        assertThat(settings.unit()).isEqualTo("relais-kiosk.service");
        assertThat(settings.heartbeatFile()).isEmpty();
        assertThat(settings.heartbeatPeriod()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.missedBeforeRestart()).isEqualTo(3);
        assertThat(settings.maxRestartsPerHour()).isEqualTo(3);
        assertThat(settings.restart()).containsExactly("systemctl", "restart", "relais-kiosk.service");
        assertThat(settings.statusCommand()).containsExactly("systemctl", "show",
                "--property=ActiveState,SubState,LoadState,NRestarts,ExecMainStatus,ExecMainCode,ExecMainPID",
                "relais-kiosk.service");
        assertThat(settings.screen()).isEmpty();
    }

    @Test
    void anotherUnitIsNamedInTheDefaultCommands() {
        KioskWatchSettings settings = settings("unit: borne.service");

        assertThat(settings.restart()).containsExactly("systemctl", "restart", "borne.service");
        assertThat(settings.statusCommand()).last().isEqualTo("borne.service");
    }

    @Test
    void readsTheReadmeExampleIncludingOnAndOffWhichYamlOneDotOneWouldTakeForBooleans() {
        KioskWatchSettings settings = settings("""
                unit: relais-kiosk.service
                heartbeatFile: /run/relais-kiosk/heartbeat
                heartbeatSeconds: 10
                missedBeforeRestart: 3
                maxRestartsPerHour: 3
                restart: [systemctl, restart, relais-kiosk.service]
                restartTimeoutSeconds: 60
                commandTimeoutSeconds: 5
                screen:
                  on: [systemctl, start, relais-screen@on.service]
                  off: [systemctl, start, relais-screen@off.service]
                  timezone: Europe/Paris
                  marginMinutes: 15
                  hours:
                    mon: "14:00-18:00"
                    tue: "09:00-12:00,14:00-18:00"
                    wed: "09:00-12:00,14:00-18:00"
                    thu: closed
                    fri: "09:00-12:00,14:00-17:00"
                    sat: "09:00-12:00"
                """);

        assertThat(settings.heartbeatFile()).contains(Path.of("/run/relais-kiosk/heartbeat"));
        assertThat(settings.silenceBeforeRestart()).isEqualTo(Duration.ofSeconds(30));
        ScreenSettings screen = settings.screen().orElseThrow();
        assertThat(screen.on()).containsExactly("systemctl", "start", "relais-screen@on.service");
        assertThat(screen.off()).containsExactly("systemctl", "start", "relais-screen@off.service");
        assertThat(screen.margin()).isEqualTo(Duration.ofMinutes(15));
        OpeningHours hours = screen.hours().orElseThrow();
        assertThat(hours.zone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(hours.days().get(DayOfWeek.TUESDAY)).containsExactly(
                new OpeningHours.Range(LocalTime.of(9, 0), LocalTime.of(12, 0), false),
                new OpeningHours.Range(LocalTime.of(14, 0), LocalTime.of(18, 0), false));
        assertThat(hours.days().get(DayOfWeek.THURSDAY)).isEmpty();
        assertThat(hours.days()).doesNotContainKey(DayOfWeek.SUNDAY);
    }

    @Test
    void theScreenNeedsNoHoursAndTheMarginDefaultsToAQuarterOfAnHour() {
        ScreenSettings screen = settings("screen: {on: [wlopm, --on, '*'], off: [wlopm, --off, '*']}").screen()
                .orElseThrow();

        assertThat(screen.hours()).isEqualTo(Optional.empty());
        assertThat(screen.margin()).isEqualTo(Duration.ofMinutes(15));
        assertThat(screen.command(true)).isEqualTo(List.of("wlopm", "--on", "*"));
    }

    /** The packaged way: the agent asks systemd, which switches the screen as the kiosk's user (relais-screen@.service). */
    @Test
    void withoutCommandLinesTheScreenIsSwitchedThroughThePackagedUnits() {
        ScreenSettings screen = settings("screen: {hours: {mon: '09:00-12:00'}}").screen().orElseThrow();
        ScreenSettings empty = settings("screen: {}").screen().orElseThrow();

        assertThat(screen.on()).containsExactly("systemctl", "start", "relais-screen@on.service");
        assertThat(screen.off()).containsExactly("systemctl", "start", "relais-screen@off.service");
        assertThat(screen.hours()).isPresent();
        assertThat(empty.command(true)).isEqualTo(ScreenSettings.DEFAULT_ON);
        assertThat(empty.command(false)).isEqualTo(ScreenSettings.DEFAULT_OFF);
        assertThat(empty.hours()).as("no schedule: only the screen command switches it").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "heartbeatSecs: 10|devices[0].settings.heartbeatSecs: unknown field",
        "heartbeatSeconds: 0|devices[0].settings.heartbeatSeconds: must be between 1 and 3600, got 0",
        "heartbeatFile: run/heartbeat|devices[0].settings.heartbeatFile: must be an absolute path, got 'run/heartbeat'",
        "unit: --force|devices[0].settings.unit: '--force' is not a systemd unit name",
        "restart: []|devices[0].settings.restart: must be a non-empty list of words",
        "restart: systemctl restart relais-kiosk|devices[0].settings.restart: must be a list of texts, got the text",
        "statusCommand: [systemctl, 3]|devices[0].settings.statusCommand[1]: must be a text, got number 3",
        "maxRestartsPerHour: 0|devices[0].settings.maxRestartsPerHour: must be between 1 and 60, got 0",
        "screen: {on: [a]}|devices[0].settings.screen.off: is required with on: give both command lines, or neither",
        "screen: {off: [b]}|devices[0].settings.screen.on: is required with off",
        "screen: {on: [], off: [b]}|devices[0].settings.screen.on: must be a non-empty list of words",
        "screen: {on: [a], off: [b], timezone: Paris}|devices[0].settings.screen.timezone: 'Paris' is not a time zone",
        "screen: {on: [a], off: [b], hours: {mon: 9h-12h}}|devices[0].settings.screen.hours.mon: '9h-12h' is not a range such as 09:00-12:00",
        "screen: {on: [a], off: [b], hours: {mon: '12:00-09:00'}}|devices[0].settings.screen.hours.mon: '12:00-09:00' ends before it starts",
        "screen: {on: [a], off: [b], hours: {mon: '09:00-12:00,11:00-13:00'}}|devices[0].settings.screen.hours.mon: '11:00-13:00' overlaps",
        "screen: {on: [a], off: [b], hours: {mon: '09:00-25:00'}}|devices[0].settings.screen.hours.mon: '25:00' is not a time of day",
        "screen: {on: [a], off: [b], hours: {monday: '09:00-12:00'}}|devices[0].settings.screen.hours.monday: unknown field (days are mon, tue",
        "screen: {on: [a], off: [b], marginMinutes: -5}|devices[0].settings.screen.marginMinutes: must be between 0 and 240",
    })
    void aWrongSettingIsRefusedNamingItsField(String yaml, String message) {
        assertThatThrownBy(() -> settings(yaml)).isInstanceOf(AssertionError.class)
                .hasCauseInstanceOf(ConfigException.class).hasMessageContaining(message);
    }

    @Test
    void theWatchDrivesKiosksOnly() {
        String yaml = """
                node: rozoy-pi
                site: {id: rozoy, name: Rozoy, kind: mediation}
                broker: {url: "tcp://127.0.0.1:1883"}
                storage: {file: agent.db}
                devices:
                  - {id: printer, kind: printer, name: Imprimante, driver: kiosk-watch}
                """;

        assertThatThrownBy(() -> new ConfigLoader(Map.of()).parse(yaml, dir)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("devices[0].kind: driver 'kiosk-watch' drives [kiosk], not 'printer'");
    }
}
