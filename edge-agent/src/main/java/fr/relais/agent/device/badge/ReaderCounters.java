package fr.relais.agent.device.badge;

import fr.relais.agent.device.Reading;
import fr.relais.protocol.Health;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a badge reader has done since the runtime started, and the health that follows: critical
 * while it is unplugged, a warning when it refuses many frames (a failing antenna, a wrong baud
 * rate, a reader typing in another layout), ok otherwise. Written by the reader's thread, read
 * by the device's poll.
 */
final class ReaderCounters {
    /** Refused frames within {@link #REJECT_WINDOW} that make the reader's health a warning. */
    static final int REJECTS_FOR_WARNING = 5;
    static final Duration REJECT_WINDOW = Duration.ofMinutes(10);

    private final Deque<Instant> recentRejects = new ArrayDeque<>();
    private long framesRead;
    private long rejectedFrames;
    private long repeatsFolded;
    private long rejectsNotReported;
    private long unplugs;
    private Instant lastRead;
    private boolean connected;
    private String unpluggedReason = "";

    synchronized void connected() {
        connected = true;
        unpluggedReason = "";
    }

    synchronized void unplugged(String reason) {
        connected = false;
        unplugs++;
        unpluggedReason = reason;
    }

    synchronized boolean isConnected() {
        return connected;
    }

    synchronized void read(Instant now, boolean repeat) {
        framesRead++;
        lastRead = now;
        if (repeat) {
            repeatsFolded++;
        }
    }

    /** @param reported whether it became an event (not when refusals come too fast) */
    synchronized void rejected(Instant now, boolean reported) {
        rejectedFrames++;
        if (!reported) {
            rejectsNotReported++;
        }
        recentRejects.addLast(now);
        forgetOldRejects(now);
    }

    synchronized Reading reading(Instant now) {
        forgetOldRejects(now);
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("connected", connected);
        metrics.put("framesRead", framesRead);
        metrics.put("rejectedFrames", rejectedFrames);
        metrics.put("repeatsFolded", repeatsFolded);
        metrics.put("rejectsNotReported", rejectsNotReported);
        metrics.put("unplugs", unplugs);
        lastReadAge(now).ifPresent(age -> metrics.put("lastReadAgeSeconds", age));
        if (!connected) {
            metrics.put("error", "reader unplugged (" + unpluggedReason + ")");
            return Reading.of(Health.CRITICAL, metrics);
        }
        if (recentRejects.size() >= REJECTS_FOR_WARNING) {
            metrics.put("error", recentRejects.size() + " frames rejected in the last "
                    + REJECT_WINDOW.toMinutes() + " min");
            return Reading.of(Health.WARNING, metrics);
        }
        return Reading.of(Health.OK, metrics);
    }

    private Optional<Long> lastReadAge(Instant now) {
        return lastRead == null ? Optional.empty()
                : Optional.of(Math.max(0, Duration.between(lastRead, now).toSeconds()));
    }

    private void forgetOldRejects(Instant now) {
        Instant horizon = now.minus(REJECT_WINDOW);
        while (!recentRejects.isEmpty() && recentRejects.peekFirst().isBefore(horizon)) {
            recentRejects.removeFirst();
        }
        // A burst of noise must not grow memory: beyond the threshold the exact count matters little.
        while (recentRejects.size() > 1_000) {
            recentRejects.removeFirst();
        }
    }
}
