package fr.relais.agent.device.kiosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.relais.agent.device.DeviceEvent;
import fr.relais.agent.device.Reading;
import fr.relais.protocol.Health;
import fr.relais.protocol.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kiosk's process and heartbeat, watched through real programs standing for systemctl. */
class KioskWatchTest {
    private static final Instant START = Instant.parse("2026-11-30T09:00:00Z");
    private static final Duration PERIOD = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private KioskRig rig;

    @BeforeEach
    void rig() {
        rig = new KioskRig(dir, START);
    }

    @AfterEach
    void close() {
        rig.close();
    }

    private KioskWatch watchWithHeartbeat(int maxRestartsPerHour) {
        return rig.watch("""
                heartbeatFile: %s
                heartbeatSeconds: 10
                missedBeforeRestart: 3
                maxRestartsPerHour: %d
                statusCommand: %s
                restart: %s
                """.formatted(rig.heartbeat, maxRestartsPerHour, rig.statusCommand(), rig.restartCommand()));
    }

    @Test
    void aKioskThatTouchesItsHeartbeatIsWell() {
        watchWithHeartbeat(3);
        rig.touch();

        Reading reading = rig.read();

        assertThat(reading.health()).isEqualTo(Health.OK);
        assertThat(reading.metrics()).containsEntry("unitState", "active").containsEntry("unitSubState", "running")
                .containsEntry("unitRestarts", 0L).containsEntry("heartbeatAgeSeconds", 0L)
                .containsEntry("missedHeartbeats", 0L).containsEntry("watchRestartsLastHour", 0L)
                .containsEntry("watchGaveUp", false);
        assertThat(reading.events()).isEmpty();
        assertThat(rig.calls("status-calls")).containsExactly("show --property=ActiveState relais-kiosk.service");
    }

    @Test
    void missedHeartbeatsWarnThenRestartTheKioskOnceConfirmed() {
        watchWithHeartbeat(3);
        rig.touch();
        assertThat(rig.read().health()).isEqualTo(Health.OK);

        rig.clock.advance(PERIOD.multipliedBy(2));
        Reading late = rig.read();
        assertThat(late.health()).isEqualTo(Health.WARNING);
        assertThat(late.metrics()).containsEntry("missedHeartbeats", 2L).containsEntry("heartbeatAgeSeconds", 20L);

        rig.clock.advance(PERIOD.plusSeconds(5));
        Reading due = rig.read();
        assertThat(due.metrics()).containsEntry("missedHeartbeats", 3L);
        await().until(() -> rig.pushedTypes().contains("kiosk-restarted"));

        assertThat(rig.calls("restart-calls")).containsExactly("restart relais-kiosk.service");
        DeviceEvent restarted = rig.pushed.get(0);
        assertThat(restarted.severity()).isEqualTo(Severity.WARNING);
        assertThat(restarted.message()).isEqualTo("Le kiosque ne donnait plus signe de vie depuis 35 s : il a été redémarré.");
        assertThat(restarted.data()).containsEntry("reason", "missed-heartbeats").containsEntry("missedHeartbeats", 3L)
                .containsEntry("exitCode", 0L).containsEntry("output", "restarted");

        // The new process gets its whole allowance: no second restart for the same silence.
        rig.clock.advance(PERIOD);
        Reading after = rig.read();
        assertThat(after.metrics()).containsEntry("missedHeartbeats", 1L).containsEntry("watchRestartsLastHour", 1L);
        rig.touch();
        assertThat(rig.read().health()).isEqualTo(Health.OK);
        assertThat(rig.calls("restart-calls")).hasSize(1);
    }

    @Test
    void oneLateCheckAloneRestartsNothingAsAfterTheClockJumpsForwardAtBoot() {
        watchWithHeartbeat(3);
        rig.touch();
        rig.read();

        rig.clock.advance(Duration.ofHours(2));
        Reading jumped = rig.read();
        rig.touch();
        Reading next = rig.read();

        assertThat(jumped.health()).isEqualTo(Health.WARNING);
        assertThat(next.health()).isEqualTo(Health.OK);
        assertThat(rig.calls("restart-calls")).isEmpty();
    }

    @Test
    void aKioskThatDoesNotComeBackIsRestartedAFewTimesThenReportedUntilItIsAliveAgain() {
        watchWithHeartbeat(2);
        rig.touch();
        rig.read();
        for (int restart = 1; restart <= 2; restart++) {
            silence();
            int expected = restart;
            await().until(() -> rig.pushed.size() == expected);
        }
        assertThat(rig.pushedTypes()).containsExactly("kiosk-restarted", "kiosk-restarted");

        rig.clock.advance(Duration.ofSeconds(35));
        rig.read();
        rig.clock.advance(PERIOD);
        Reading gaveUp = rig.read();

        assertThat(gaveUp.health()).isEqualTo(Health.CRITICAL);
        assertThat(gaveUp.metrics()).containsEntry("watchGaveUp", true).containsEntry("watchRestartsLastHour", 2L);
        assertThat(gaveUp.events()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo("kiosk-not-coming-back");
            assertThat(event.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(event.message()).startsWith("Le kiosque ne revient pas : 2 redémarrages en une heure n'ont pas"
                    + " suffi.");
        });

        // Hours later, still silent: no more restarts and no repeated alarm, but still critical.
        rig.clock.advance(Duration.ofHours(3));
        Reading later = rig.read();
        rig.clock.advance(PERIOD);
        Reading stillLater = rig.read();
        assertThat(stillLater.health()).isEqualTo(Health.CRITICAL);
        assertThat(later.events()).isEmpty();
        assertThat(stillLater.events()).isEmpty();
        assertThat(rig.calls("restart-calls")).hasSize(2);

        // A technician fixed it: it touches its heartbeat again.
        rig.touch();
        Reading back = rig.read();
        assertThat(back.health()).isEqualTo(Health.OK);
        assertThat(back.metrics()).containsEntry("watchGaveUp", false).containsEntry("watchRestartsLastHour", 0L);
        assertThat(back.events()).extracting(DeviceEvent::type).containsExactly("kiosk-recovered");
    }

    /** 35 s without a touch, then one more check: the silence is confirmed and a restart asked for. */
    private void silence() {
        rig.clock.advance(Duration.ofSeconds(35));
        rig.read();
        rig.clock.advance(PERIOD);
        rig.read();
    }

    @Test
    void systemdRestartingTheKioskIsACrashWithItsSignalAndANewRunForTheHeartbeat() {
        watchWithHeartbeat(3);
        rig.touch();
        rig.read();
        rig.clock.advance(Duration.ofSeconds(25));
        assertThat(rig.read().metrics()).containsEntry("missedHeartbeats", 2L);

        rig.status("ActiveState=active\nSubState=running\nNRestarts=2\nExecMainCode=2\nExecMainStatus=11\n"
                + "ExecMainPID=4242\n");
        Reading crashed = rig.read();

        assertThat(crashed.events()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo("kiosk-crashed");
            assertThat(event.message()).isEqualTo("Le kiosque a été tué par le signal SIGSEGV ; systemd l'a relancé,"
                    + " 2 fois depuis la dernière vérification.");
            assertThat(event.data()).containsEntry("restarts", 2L).containsEntry("unitRestarts", 2L)
                    .containsEntry("exitCode", "killed").containsEntry("exitStatus", 11L);
        });
        // The new process has its own allowance to start and touch the file.
        assertThat(crashed.metrics()).containsEntry("missedHeartbeats", 0L).containsEntry("unitRestarts", 2L);
        assertThat(crashed.health()).isEqualTo(Health.OK);
    }

    @Test
    void aKioskThatExitedSaysItsExitStatus() {
        rig.watch("statusCommand: " + rig.statusCommand());
        rig.read();
        rig.status("ActiveState=activating\nSubState=auto-restart\nNRestarts=1\nExecMainCode=1\nExecMainStatus=3\n");

        Reading reading = rig.read();

        assertThat(reading.health()).isEqualTo(Health.WARNING);
        assertThat(reading.metrics()).containsEntry("unitState", "activating").containsEntry("unitSubState", "auto-restart");
        assertThat(reading.events()).singleElement().extracting(DeviceEvent::message)
                .isEqualTo("Le kiosque s'est arrêté de lui-même (code de sortie 3) ; systemd l'a relancé.");
    }

    @Test
    void aStartedByHandUnitCountsFromZeroAgainWithoutACrash() {
        rig.watch("statusCommand: " + rig.statusCommand());
        rig.active(4, 100);
        rig.read();
        rig.active(0, 101);

        assertThat(rig.read().events()).isEmpty();
    }

    @Test
    void aFailedUnitIsCriticalAndNotRestartedByTheWatch() {
        watchWithHeartbeat(3);
        rig.touch();
        rig.read();
        rig.status("ActiveState=failed\nSubState=failed\nNRestarts=0\nExecMainCode=1\nExecMainStatus=4\n");

        rig.clock.advance(Duration.ofMinutes(5));
        rig.read();
        rig.clock.advance(PERIOD);
        Reading reading = rig.read();

        assertThat(reading.health()).isEqualTo(Health.CRITICAL);
        assertThat(reading.metrics()).containsEntry("unitState", "failed").containsEntry("missedHeartbeats", 0L);
        assertThat(rig.calls("restart-calls")).isEmpty();
    }

    @Test
    void aUnitThatDoesNotExistIsCritical() {
        rig.watch("statusCommand: " + rig.statusCommand());
        rig.status("ActiveState=inactive\nSubState=dead\nLoadState=not-found\nNRestarts=0\n");

        Reading reading = rig.read();

        assertThat(reading.health()).isEqualTo(Health.CRITICAL);
        assertThat(reading.metrics()).containsEntry("error", "the unit relais-kiosk.service does not exist");
    }

    @Test
    void garbageFromSystemctlIsReportedAndTheNextGoodAnswerIsUsed() {
        rig.watch("statusCommand: " + rig.statusCommand());
        rig.status("Bonjour \u0000\u0007 ceci n'est pas systemctl\n");

        Reading garbage = rig.read();
        rig.status("ActiveState=ACTIVE; rm -rf /\n");
        Reading badState = rig.read();
        rig.status("ActiveState=active\nNRestarts=beaucoup\n");
        Reading badNumber = rig.read();
        rig.status("SubState=running\n");
        Reading noState = rig.read();
        rig.active(0, 100);
        Reading good = rig.read();

        assertThat(garbage.health()).isEqualTo(Health.UNKNOWN);
        assertThat((String) garbage.metrics().get("error")).startsWith("cannot understand the state of"
                + " relais-kiosk.service printed by " + dir.resolve("systemctl-show") + ": line 1 is not Property=value:"
                + " 'Bonjour ?? ceci");
        assertThat((String) badState.metrics().get("error")).contains("ActiveState is 'ACTIVE; rm -rf /', not a state");
        assertThat((String) badNumber.metrics().get("error")).contains("NRestarts is 'beaucoup', not a whole number");
        assertThat((String) noState.metrics().get("error")).contains("no ActiveState in it");
        assertThat(good.health()).isEqualTo(Health.OK);
    }

    @Test
    void aStatusCommandThatFailsOrIsMissingLeavesTheStateUnknownWithTheReason() {
        rig.script("systemctl-show", "echo 'System has not been booted with systemd as init system (PID 1).'\nexit 1");
        rig.watch("statusCommand: " + rig.statusCommand());
        Reading failing = rig.read();
        rig.close();
        rig.watch("statusCommand: [/nonexistent/systemctl, show, relais-kiosk.service]");
        Reading missing = rig.read();

        assertThat(failing.health()).isEqualTo(Health.UNKNOWN);
        assertThat((String) failing.metrics().get("error")).isEqualTo("cannot read the state of relais-kiosk.service: "
                + dir.resolve("systemctl-show") + " exited with status 1: System has not been booted with systemd as"
                + " init system (PID 1).");
        assertThat(missing.health()).isEqualTo(Health.UNKNOWN);
        assertThat((String) missing.metrics().get("error"))
                .startsWith("cannot read the state of relais-kiosk.service: cannot run /nonexistent/systemctl: ");
    }

    @Test
    void aHangingStatusCommandIsKilledWithWhatItStartedAfterItsTimeout() throws Exception {
        Path pid = dir.resolve("sleep.pid");
        rig.script("systemctl-show", "sleep 300 &\necho $! > '" + pid + "'\nwait");
        rig.watch("statusCommand: " + rig.statusCommand() + "\ncommandTimeoutSeconds: 1");

        Reading reading = rig.read();

        assertThat(reading.health()).isEqualTo(Health.UNKNOWN);
        assertThat((String) reading.metrics().get("error")).endsWith("did not finish within 1 s and was killed");
        long sleeper = Long.parseLong(Files.readString(pid).strip());
        await().until(() -> ProcessHandle.of(sleeper).map(handle -> !handle.isAlive()).orElse(true));
    }

    @Test
    void aStatusCommandPrintingMegabytesIsReadToItsEndAndRefused() {
        rig.script("systemctl-show", "yes x | head -c 3000000\necho ActiveState=active");
        rig.watch("statusCommand: " + rig.statusCommand());

        Reading reading = rig.read();

        assertThat(reading.health()).isEqualTo(Health.UNKNOWN);
        assertThat((String) reading.metrics().get("error")).endsWith(": more than 1000 lines");
    }

    @Test
    void aRestartThatFailsIsReportedWithItsExitCodeAndOutput() {
        rig.script("restart", "echo \"$*\" >> '" + dir.resolve("restart-calls") + "'\n"
                + "echo 'Failed to restart relais-kiosk.service: Access denied'\nexit 4");
        Optional<DeviceEvent> event = restartOnce("");

        assertThat(event).hasValueSatisfying(failed -> {
            assertThat(failed.type()).isEqualTo("kiosk-restart-failed");
            assertThat(failed.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(failed.message()).isEqualTo("Le kiosque ne donnait plus signe de vie depuis 40 s, et son"
                    + " redémarrage a échoué : la commande " + dir.resolve("restart") + " a échoué (code 4).");
            assertThat(failed.data()).containsEntry("exitCode", 4L)
                    .containsEntry("output", "Failed to restart relais-kiosk.service: Access denied");
        });
    }

    @Test
    void aMissingRestartProgramIsReported() {
        Optional<DeviceEvent> event = restartOnce("restart: [/nonexistent/systemctl, restart, relais-kiosk.service]");

        assertThat(event).hasValueSatisfying(failed -> {
            assertThat(failed.type()).isEqualTo("kiosk-restart-failed");
            assertThat(failed.message()).contains("la commande /nonexistent/systemctl n'a pas pu être lancée");
            assertThat(failed.data()).doesNotContainKey("exitCode")
                    .hasEntrySatisfying("error", error -> assertThat((String) error)
                            .startsWith("cannot run /nonexistent/systemctl: "));
        });
    }

    @Test
    void aHangingRestartIsKilledAfterItsTimeout() {
        rig.script("restart", "sleep 300");
        Optional<DeviceEvent> event = restartOnce("restartTimeoutSeconds: 1");

        assertThat(event).hasValueSatisfying(failed -> {
            assertThat(failed.type()).isEqualTo("kiosk-restart-failed");
            assertThat(failed.message()).endsWith("n'a pas répondu à temps.");
            assertThat((String) failed.data().get("error")).endsWith("did not finish within 1 s and was killed");
        });
    }

    /** A watch whose kiosk stays silent 40 s, with more settings; the event its restart pushed. */
    private Optional<DeviceEvent> restartOnce(String more) {
        String restart = more.startsWith("restart:") ? "" : "restart: " + rig.restartCommand() + "\n";
        rig.watch("heartbeatFile: " + rig.heartbeat + "\nstatusCommand: " + rig.statusCommand() + "\n" + restart + more);
        rig.touch();
        rig.read();
        rig.clock.advance(Duration.ofSeconds(30));
        rig.read();
        rig.clock.advance(PERIOD);
        rig.read();
        await().atMost(Duration.ofSeconds(30)).until(() -> !rig.pushed.isEmpty());
        return Optional.of(rig.pushed.get(0));
    }

    @Test
    void withoutAHeartbeatFileOnlyTheUnitIsWatched() {
        rig.watch("statusCommand: " + rig.statusCommand());

        Reading reading = rig.read();

        assertThat(reading.health()).isEqualTo(Health.OK);
        assertThat(reading.metrics()).doesNotContainKeys("missedHeartbeats", "heartbeatAgeSeconds", "screen");
    }

    @Test
    void aHeartbeatFileNotWrittenYetCountsFromWhenTheWatchSawTheKioskRunning() {
        watchWithHeartbeat(3);

        Reading first = rig.read();
        rig.clock.advance(Duration.ofSeconds(15));
        Reading later = rig.read();

        assertThat(first.health()).isEqualTo(Health.OK);
        assertThat(first.metrics()).doesNotContainKey("heartbeatAgeSeconds").containsEntry("missedHeartbeats", 0L);
        assertThat(later.health()).isEqualTo(Health.WARNING);
        assertThat(later.metrics()).containsEntry("missedHeartbeats", 1L);
    }
}
