package fr.relais.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/** The file the agent's kiosk-watch reads, touched from the JavaFX thread. */
@ExtendWith(ApplicationExtension.class)
class HeartbeatTest {
    @TempDir
    Path dir;
    private final AtomicReference<Heartbeat> heartbeat = new AtomicReference<>();

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(() -> {
            if (heartbeat.get() != null) {
                heartbeat.get().stop();
            }
        });
    }

    @Test
    void theFileIsCreatedAtOnceThenTouchedAgainAndAgain(FxRobot robot) throws Exception {
        Path file = dir.resolve("heartbeat");

        robot.interact(() -> heartbeat.set(Heartbeat.start(file, Duration.ofSeconds(1))));
        assertThat(file).exists();
        Files.setLastModifiedTime(file, FileTime.from(Instant.EPOCH));

        await().until(() -> Files.getLastModifiedTime(file).toInstant().isAfter(Instant.EPOCH));
        assertThat(Files.size(file)).isZero();
    }

    @Test
    void aFolderThatIsNotThereYetIsNoErrorAndTheFileAppearsWithIt(FxRobot robot) throws Exception {
        Path folder = dir.resolve("run-relais-kiosk");
        Path file = folder.resolve("heartbeat");

        robot.interact(() -> heartbeat.set(Heartbeat.start(file, Duration.ofSeconds(1))));
        assertThat(file).doesNotExist();
        Files.createDirectory(folder);

        await().until(() -> Files.exists(file));
    }
}
