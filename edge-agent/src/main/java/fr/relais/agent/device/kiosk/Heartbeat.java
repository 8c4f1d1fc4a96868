package fr.relais.agent.device.kiosk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The kiosk's sign of life: a file its screen thread touches every few seconds. A kiosk whose
 * process runs but whose screen froze (a deadlock, a JavaFX thread stuck) stops touching it,
 * while systemd still says the unit is active.
 *
 * <p>The silence counts from the last touch, but never from before the current run of the
 * kiosk started: a new process gets the whole allowance to start and touch the file. A silence
 * long enough for a restart must also have been seen by an earlier check, with the same last
 * touch: a clock put forward by NTP after boot makes every file look old for one check, and the
 * kiosk touches it again before the next.
 */
final class Heartbeat {
    private final Path file;
    private final Duration period;
    private final int missedBeforeRestart;
    private Instant runStart;
    private Optional<Instant> lastTouchSeen = Optional.empty();
    private boolean lateBefore;

    Heartbeat(Path file, Duration period, int missedBeforeRestart) {
        this.file = file;
        this.period = period;
        this.missedBeforeRestart = missedBeforeRestart;
    }

    /**
     * What the heartbeat says at {@code now}.
     *
     * @param newRun the unit started a new process since the last check (its main PID or
     *               restart count changed)
     */
    synchronized Check check(Instant now, boolean unitActive, boolean newRun) {
        Touch touch = lastTouch();
        if (!unitActive) {
            // Not running: systemd's business, not a missed heartbeat.
            runStart = null;
            lateBefore = false;
            lastTouchSeen = touch.at();
            return new Check(touch, now, Duration.ZERO, 0, false, false);
        }
        if (runStart == null || newRun) {
            runStart = now;
        }
        Instant since = touch.at().filter(at -> at.isAfter(runStart)).orElse(runStart);
        Duration silence = Duration.between(since, now);
        if (silence.isNegative()) {
            silence = Duration.ZERO;
        }
        int missed = (int) Math.min(Integer.MAX_VALUE, silence.dividedBy(period));
        boolean touchedThisRun = touch.at().isPresent() && !touch.at().get().isBefore(runStart);
        boolean confirmed = lateBefore && touch.at().equals(lastTouchSeen);
        lateBefore = missed > 0;
        lastTouchSeen = touch.at();
        return new Check(touch, now, silence, missed, touchedThisRun && missed == 0,
                confirmed && missed >= missedBeforeRestart);
    }

    /** The watch restarted the kiosk at {@code at}: the new process starts its allowance then. */
    synchronized void restarted(Instant at) {
        runStart = at;
        lateBefore = false;
    }

    private Touch lastTouch() {
        try {
            return new Touch(Optional.of(Files.getLastModifiedTime(file).toInstant()), "");
        } catch (NoSuchFileException e) {
            return new Touch(Optional.empty(), "");
        } catch (IOException | SecurityException e) {
            return new Touch(Optional.empty(), "cannot read " + file + ": " + e);
        }
    }

    /** The file's last modification, if it exists and could be read. */
    record Touch(Optional<Instant> at, String problem) {
        Touch {
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * @param silence    since the last touch, or since the current run started if later
     * @param missed     whole heartbeat periods in that silence
     * @param alive      the current run touched the file, and recently
     * @param restartDue enough missed, and seen by an earlier check too
     */
    record Check(Touch touch, Instant now, Duration silence, int missed, boolean alive, boolean restartDue) {
        /** Seconds since the file was touched; empty when it does not exist. A touch in the future counts as now. */
        Optional<Long> ageSeconds() {
            return touch.at().map(at -> Math.max(0, Duration.between(at, now).toSeconds()));
        }
    }
}
