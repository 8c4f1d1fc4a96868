package fr.relais.kiosk.ui;

import fr.relais.kiosk.shots.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.relais.kiosk.agent.KioskAgent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * What the kiosk does when the voice program fails or runs on: fake {@code espeak-ng} scripts on a
 * PATH of their own. The kiosk never hangs, says "Pas de son" on the button, and stops a reading
 * when the screen changes or the session is wiped.
 */
@ExtendWith(ApplicationExtension.class)
class ReadAloudFailureTest {

    private static final Duration AT_MOST = Duration.ofSeconds(30);
    @TempDir
    Path bin;
    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T09:00:00Z"));
    private Stage stage;
    private KioskUi ui;
    private ReadAloud reader;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void stop(FxRobot robot) {
        if (ui != null) {
            robot.interact(() -> {
                ui.stop();
                reader.stop();
            });
        }
    }

    @Test
    void aProgramThatExitsWithAnErrorLeavesTheKioskWorkingAndTheButtonSaysThereIsNoSound(FxRobot robot)
            throws Exception {
        kioskWith("""
                #!/bin/sh
                cat > /dev/null
                echo "cannot open the sound card" >&2
                exit 1
                """, robot);

        robot.clickOn("#read-aloud-button");

        await().atMost(AT_MOST).until(() -> reader.status().get() == ReadAloud.Status.FAILED);
        robot.interact(() -> { });
        assertThat(listenButton(robot).getText()).isEqualTo(KioskUi.LISTEN_FAILED);
        // The kiosk goes on as before.
        robot.clickOn("#tile-procedures");
        assertThat(ui.currentScreen()).isEqualTo(ScreenId.PROCEDURES);
    }

    @Test
    void espeakNgWithoutASoundCardExitsWithZeroButSaysErrorAndThatIsAFailureToo(FxRobot robot) throws Exception {
        // What espeak-ng 1.51 does on a machine without an audio device.
        kioskWith("""
                #!/bin/sh
                cat > /dev/null
                echo "ALSA lib pcm.c:2666:(snd_pcm_open_noupdate) Unknown PCM default" >&2
                echo "error: No such file or directory" >&2
                exit 0
                """, robot);

        robot.clickOn("#read-aloud-button");

        await().atMost(AT_MOST).until(() -> reader.status().get() == ReadAloud.Status.FAILED);
        robot.interact(() -> { });
        assertThat(listenButton(robot).getText()).isEqualTo(KioskUi.LISTEN_FAILED);
    }

    @Test
    void theNextVisitorNeverSeesAFailureAndPressingAgainTriesAgain(FxRobot robot) throws Exception {
        // Fails the first time only, as a speaker plugged in after the first try.
        Path runs = bin.resolve("runs");
        kioskWith("#!/bin/sh\ncat > /dev/null\necho run >> '" + runs + "'\n[ \"$(wc -l < '" + runs
                + "')\" -gt 1 ] || exit 3\n", robot);
        robot.clickOn("#read-aloud-button");
        await().atMost(AT_MOST).until(() -> reader.status().get() == ReadAloud.Status.FAILED);

        robot.interact(() -> ui.endSession());
        assertThat(listenButton(robot).getText()).isEqualTo(KioskUi.LISTEN);

        robot.clickOn("#read-aloud-button");
        await().atMost(AT_MOST).until(() -> Files.readAllLines(runs).size() == 2
                && reader.status().get() == ReadAloud.Status.IDLE);
        robot.interact(() -> { });
        assertThat(listenButton(robot).getText()).isEqualTo(KioskUi.LISTEN);
    }

    @Test
    void leavingTheScreenStopsTheReading(FxRobot robot) throws Exception {
        Path pid = bin.resolve("pid");
        kioskWith(longReading(pid), robot);
        robot.clickOn("#read-aloud-button");
        ProcessHandle voice = started(pid);
        robot.interact(() -> { });
        assertThat(listenButton(robot).getText()).isEqualTo(KioskUi.LISTEN_STOP);

        robot.clickOn("#tile-procedures");

        await().atMost(AT_MOST).until(() -> !voice.isAlive());
        assertThat(listenButton(robot).getText()).as("stopped on purpose is no failure").isEqualTo(KioskUi.LISTEN);
    }

    @Test
    void theInactivityWipeStopsTheReading(FxRobot robot) throws Exception {
        Path pid = bin.resolve("pid");
        kioskWith(longReading(pid), robot);
        robot.clickOn("#tile-procedures").clickOn("#read-aloud-button");
        ProcessHandle voice = started(pid);

        clock.advance(TestKiosks.IDLE_TIMEOUT.plusSeconds(1));
        robot.interact(ui::checkIdle);

        assertThat(ui.currentScreen()).isEqualTo(ScreenId.HOME);
        await().atMost(AT_MOST).until(() -> !voice.isAlive());
    }

    @Test
    void pressingAgainStopsTheReading(FxRobot robot) throws Exception {
        Path pid = bin.resolve("pid");
        kioskWith(longReading(pid), robot);
        robot.clickOn("#read-aloud-button");
        ProcessHandle voice = started(pid);

        robot.clickOn("#read-aloud-button");

        await().atMost(AT_MOST).until(() -> !voice.isAlive());
        assertThat(reader.status().get()).isEqualTo(ReadAloud.Status.IDLE);
    }

    /** A voice that reads for a minute; {@code exec} so that stopping it stops the very process whose id is written. */
    private static String longReading(Path pid) {
        return "#!/bin/sh\necho $$ > '" + pid + ".tmp'\nmv '" + pid + ".tmp' '" + pid + "'\nexec sleep 60\n";
    }

    private static ProcessHandle started(Path pid) {
        await().atMost(AT_MOST).until(() -> Files.exists(pid));
        try {
            long id = Long.parseLong(Files.readString(pid).strip());
            return ProcessHandle.of(id).orElseThrow(() -> new AssertionError("the fake voice ended by itself"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private void kioskWith(String script, FxRobot robot) throws IOException {
        Path program = bin.resolve(ReadAloud.PROGRAM);
        Files.writeString(program, script);
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        reader = ReadAloud.find(bin.toString()).orElseThrow();
        robot.interact(() -> {
            ui = new KioskUi(TestKiosks.config(), clock, KioskAgent.none(), Optional.of(reader));
            stage.setScene(ui.createScene(KioskWindow.WINDOW_WIDTH, KioskWindow.WINDOW_HEIGHT));
            stage.show();
        });
    }

    private static Button listenButton(FxRobot robot) {
        return robot.lookup("#read-aloud-button").queryAs(Button.class);
    }
}
