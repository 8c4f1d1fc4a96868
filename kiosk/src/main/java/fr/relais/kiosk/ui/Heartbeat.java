package fr.relais.kiosk.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiosk's sign of life for its agent (the {@code kiosk-watch} driver): a file whose time is
 * set every few seconds. It is touched from the JavaFX thread on purpose: a kiosk whose screen
 * froze (a deadlock, an endless layout pass) stops touching it even though its process still
 * runs, and the agent then restarts it. The contract with the agent is only the file's
 * modification time; its content is empty.
 */
public final class Heartbeat {
    private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);

    private final Path file;
    private final Timeline ticker;
    private boolean failing;

    private Heartbeat(Path file, Duration period) {
        this.file = file;
        this.ticker = new Timeline(new KeyFrame(javafx.util.Duration.millis(period.toMillis()), e -> touch()));
        ticker.setCycleCount(Animation.INDEFINITE);
    }

    /** Touches {@code file} now and then every {@code period}; call on the JavaFX thread. */
    public static Heartbeat start(Path file, Duration period) {
        Heartbeat heartbeat = new Heartbeat(file, period);
        heartbeat.touch();
        heartbeat.ticker.play();
        LOG.info("Heartbeat: touching {} every {} s", file, period.toSeconds());
        return heartbeat;
    }

    public void stop() {
        ticker.stop();
    }

    /** A failure is logged once, not every few seconds, and the next touch tries again. */
    private void touch() {
        try {
            try {
                Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
            } catch (NoSuchFileException e) {
                Files.createFile(file);
            }
            if (failing) {
                failing = false;
                LOG.info("Heartbeat: {} is written again", file);
            }
        } catch (IOException | SecurityException e) {
            if (!failing) {
                failing = true;
                LOG.warn("Heartbeat: cannot touch {} ({}); the agent will take the kiosk for frozen", file, e.toString());
            }
        }
    }
}
