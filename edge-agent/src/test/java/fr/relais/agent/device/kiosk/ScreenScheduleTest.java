package fr.relais.agent.device.kiosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.relais.agent.command.Outcome;
import fr.relais.agent.device.DeviceEvent;
import fr.relais.agent.device.Reading;
import fr.relais.protocol.Health;
import fr.relais.protocol.ReplyStatus;
import fr.relais.protocol.Severity;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The screen switched with the opening hours and by hand, through real commands. */
class ScreenScheduleTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @TempDir
    Path dir;
    private KioskRig rig;

    @AfterEach
    void close() {
        rig.close();
    }

    /** Monday 30 November 2026, at a time of day in Paris. */
    private static Instant monday(int hour, int minute) {
        return LocalDateTime.of(2026, 11, 30, hour, minute).atZone(PARIS).toInstant();
    }

    private KioskWatch watch(Instant start, String screenCommand) {
        rig = new KioskRig(dir, start);
        rig.script("screen", "echo \"$*\" >> '" + dir.resolve("screen-calls") + "'\n" + screenCommand);
        return rig.watch("""
                statusCommand: %s
                screen:
                  on: [%s, --output, HDMI-A-1, --on]
                  off: [%s, --output, HDMI-A-1, --off]
                  marginMinutes: 15
                  hours:
                    mon: "09:00-12:00,14:00-18:00"
                    tue: "09:00-12:00"
                """.formatted(rig.statusCommand(), dir.resolve("screen"), dir.resolve("screen")));
    }

    private Reading readAt(Instant at) {
        rig.clock.set(at);
        return rig.read();
    }

    private void awaitCalls(int count) {
        await().until(() -> rig.calls("screen-calls").size() == count);
    }

    @Test
    void theScreenFollowsTheOpeningHoursWithItsMarginSwitchingOnlyAtBoundaries() {
        watch(monday(8, 0), "");

        readAt(monday(8, 0));
        awaitCalls(1);
        readAt(monday(8, 44));
        readAt(monday(8, 45));
        awaitCalls(2);
        readAt(monday(9, 30));
        readAt(monday(12, 14));
        Reading closing = readAt(monday(12, 15));
        awaitCalls(3);
        readAt(monday(13, 45));
        awaitCalls(4);

        assertThat(rig.calls("screen-calls")).containsExactly("--output HDMI-A-1 --off", "--output HDMI-A-1 --on",
                "--output HDMI-A-1 --off", "--output HDMI-A-1 --on");
        await().until(() -> rig.pushed.size() == 4);
        assertThat(rig.pushed).extracting(DeviceEvent::type)
                .containsExactly("screen-off", "screen-on", "screen-off", "screen-on");
        assertThat(rig.pushed).extracting(event -> event.data().get("reason"))
                .containsExactly("start", "schedule", "schedule", "schedule");
        assertThat(rig.pushed.get(0).message())
                .isEqualTo("Écran du kiosque éteint au démarrage de la surveillance, selon les horaires d'ouverture.");
        assertThat(rig.pushed.get(1).message()).isEqualTo("Écran du kiosque allumé pour l'ouverture.");
        assertThat(rig.pushed.get(1).severity()).isEqualTo(Severity.INFO);
        assertThat(rig.pushed.get(1).data()).containsEntry("exitCode", 0L);
        assertThat(closing.health()).isEqualTo(Health.OK);
        assertThat(rig.read().metrics()).containsEntry("screen", "on").containsEntry("screenWanted", "on")
                .containsEntry("screenManual", false);
    }

    @Test
    void aTechnicianSwitchesItByHandUntilTheNextOpeningOrClosing() throws Exception {
        KioskWatch watch = watch(monday(12, 30), "");
        readAt(monday(12, 30));
        awaitCalls(1);

        Outcome on = watch.actions().get("screen").run(Map.of("device", "kiosk", "state", "on"));
        readAt(monday(13, 0));
        Reading held = readAt(monday(13, 30));

        assertThat(on.status()).isEqualTo(ReplyStatus.OK);
        assertThat(on.result()).containsEntry("exitCode", 0L);
        assertThat(held.metrics()).containsEntry("screen", "on").containsEntry("screenManual", true)
                .containsEntry("screenWanted", "on");
        assertThat(rig.calls("screen-calls")).containsExactly("--output HDMI-A-1 --off", "--output HDMI-A-1 --on");

        // Opening at 13:45 (with the margin): the schedule speaks again, and the override ends.
        Reading opened = readAt(monday(13, 45));
        awaitCalls(3);
        watch.actions().get("screen").run(Map.of("device", "kiosk", "state", "off"));
        readAt(monday(15, 0));
        readAt(monday(18, 15));
        awaitCalls(5);

        assertThat(rig.calls("screen-calls")).containsExactly("--output HDMI-A-1 --off", "--output HDMI-A-1 --on",
                "--output HDMI-A-1 --on", "--output HDMI-A-1 --off", "--output HDMI-A-1 --off");
        await().until(() -> rig.pushed.size() == 3);
        assertThat(rig.pushed).extracting(DeviceEvent::type).containsExactly("screen-off", "screen-on", "screen-off");
        assertThat(rig.pushed.get(1).message())
                .isEqualTo("Écran du kiosque allumé à la demande d'un technicien, jusqu'au prochain changement d'horaire.");
        assertThat(rig.pushed.get(1).data()).containsEntry("reason", "manual");
        assertThat(opened.metrics()).containsEntry("screenManual", false).containsEntry("screenWanted", "on");
        assertThat(rig.read().metrics()).containsEntry("screenManual", false).containsEntry("screen", "off");
    }

    @Test
    void theScreenCommandRefusesAnotherStateAndExistsOnlyWithAScreen() throws Exception {
        KioskWatch watch = watch(monday(10, 0), "");

        Outcome refused = watch.actions().get("screen").run(Map.of("device", "kiosk", "state", "dim"));
        Outcome missing = watch.actions().get("screen").run(Map.of("device", "kiosk"));

        assertThat(refused.status()).isEqualTo(ReplyStatus.REJECTED);
        assertThat(refused.reason()).isEqualTo("screen needs args.state: on or off");
        assertThat(missing.status()).isEqualTo(ReplyStatus.REJECTED);
        rig.close();
        assertThat(rig.watch("statusCommand: " + rig.statusCommand()).actions()).isEmpty();
    }

    @Test
    void aFailingSwitchIsReportedOnceTriedAgainEachMinuteAndClearedWhenItWorks() {
        Path exit = dir.resolve("screen-exit");
        rig = null;
        watch(monday(10, 0), "echo 'cannot connect to display'\nexit $(cat '" + exit + "')");
        write(exit, "1");

        Reading failed = readAt(monday(10, 0));
        awaitCalls(1);
        await().until(() -> rig.pushed.size() == 1);
        Reading failing = readAt(monday(10, 0).plusSeconds(30));
        readAt(monday(10, 1).plusSeconds(1));
        awaitCalls(2);
        write(exit, "0");
        readAt(monday(10, 2).plusSeconds(2));
        awaitCalls(3);
        await().until(() -> rig.pushed.size() == 2);
        Reading fixed = readAt(monday(10, 5));

        DeviceEvent event = rig.pushed.get(0);
        assertThat(event.type()).isEqualTo("screen-failed");
        assertThat(event.severity()).isEqualTo(Severity.WARNING);
        assertThat(event.message()).isEqualTo("Impossible d'allumer l'écran du kiosque : la commande "
                + dir.resolve("screen") + " a échoué (code 1).");
        assertThat(event.data()).containsEntry("exitCode", 1L).containsEntry("output", "cannot connect to display")
                .containsEntry("state", "on").containsEntry("reason", "start");
        assertThat(failed.health()).isIn(Health.OK, Health.WARNING);
        assertThat(failing.health()).isEqualTo(Health.WARNING);
        assertThat((String) failing.metrics().get("screenError")).startsWith("switching the screen on failed: "
                + dir.resolve("screen") + " exited with status 1: cannot connect to display");
        assertThat(rig.pushed.get(1).type()).isEqualTo("screen-on");
        assertThat(rig.pushed.get(1).data()).containsEntry("reason", "retry");
        assertThat(fixed.health()).isEqualTo(Health.OK);
        assertThat(fixed.metrics()).doesNotContainKey("screenError").containsEntry("screen", "on");
    }

    @Test
    void aMissingOrHangingScreenCommandIsAFailureWithItsReason() throws Exception {
        rig = new KioskRig(dir, monday(20, 0));
        rig.script("hang", "sleep 300");
        KioskWatch watch = rig.watch("""
                statusCommand: %s
                commandTimeoutSeconds: 1
                screen:
                  on: [%s]
                  off: [/nonexistent/vcgencmd, display_power, "0"]
                  hours: {mon: "09:00-18:00"}
                """.formatted(rig.statusCommand(), dir.resolve("hang")));

        rig.read();
        await().until(() -> rig.pushed.size() == 1);
        Outcome hanging = watch.actions().get("screen").run(Map.of("device", "kiosk", "state", "on"));

        assertThat(rig.pushed.get(0).message()).startsWith("Impossible d'éteindre l'écran du kiosque : la commande"
                + " /nonexistent/vcgencmd n'a pas pu être lancée (cannot run /nonexistent/vcgencmd: ");
        assertThat(hanging.status()).isEqualTo(ReplyStatus.FAILED);
        assertThat(hanging.reason()).endsWith("did not finish within 1 s and was killed");
        await().until(() -> rig.pushed.size() == 2);
        assertThat(rig.pushed.get(1).message()).endsWith("n'a pas répondu à temps.");
        assertThat(rig.read().health()).isEqualTo(Health.WARNING);
    }

    @Test
    void withoutOpeningHoursTheScreenIsOnlySwitchedByHand() {
        rig = new KioskRig(dir, monday(10, 0));
        rig.script("screen", "echo \"$*\" >> '" + dir.resolve("screen-calls") + "'");
        rig.watch("""
                statusCommand: %s
                screen: {on: [%s, "1"], off: [%s, "0"]}
                """.formatted(rig.statusCommand(), dir.resolve("screen"), dir.resolve("screen")));

        Reading reading = rig.read();

        assertThat(reading.metrics()).containsEntry("screen", "unknown").doesNotContainKey("screenWanted");
        assertThat(rig.calls("screen-calls")).isEqualTo(List.of());
    }

    private static void write(Path file, String text) {
        try {
            java.nio.file.Files.writeString(file, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
