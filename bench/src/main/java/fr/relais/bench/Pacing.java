package fr.relais.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the publishers at most a window of messages ahead of what the receiving end has taken
 * (the hub: stored; the bare subscriber: received). The broker acknowledges a QoS 1 message to
 * its publisher as soon as it has queued it for the subscriber's session, and the development
 * broker drops what goes beyond {@code max_queued_messages} (2 000 000) for a session: in a
 * 10-million-message run the publishers (~50 000/s) outran the hub (~15 000/s) by more than that
 * and millions were lost at the broker, not in the hub. A real fleet never gets that far ahead:
 * its agents send at their own pace and keep in their outboxes what is not through yet.
 *
 * <p>The receiver's count is read only when the publishers come near the window, so a run smaller
 * than the window (the default 400 000) never reads it and is not slowed; then it is read at most
 * every {@link #REFRESH_NANOS}, by one publishing thread at a time, the others use the last value.
 */
final class Pacing {
    private static final Logger LOG = LoggerFactory.getLogger(Pacing.class);
    /**
     * A quarter of the development broker's queue limit per session: far below the point where it
     * drops, and large enough that a publisher never waits in a run of the default size.
     */
    static final long DEFAULT_WINDOW = 500_000;
    /** How often the receiver's count is read while the publishers wait for it. */
    static final long REFRESH_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    /** No pacing: the warm-up pass that nobody receives, the broker drops it at once. */
    static final Pacing NONE = new Pacing(() -> 0, Long.MAX_VALUE, 0, System::nanoTime);

    private final Arrivals.Counter taken;
    private final long window;
    private final long refreshNanos;
    private final LongSupplier clock;
    private final AtomicBoolean reading = new AtomicBoolean();
    private volatile long lastTaken;
    private volatile boolean everRead;
    private volatile long lastRead;
    private final LongAdder waits = new LongAdder();

    /**
     * @param taken  what the receiver has taken of this pass so far (counted from 0 at its start)
     * @param window how many messages the publishers may be ahead of it at most
     */
    Pacing(Arrivals.Counter taken, long window) {
        this(taken, window, REFRESH_NANOS, System::nanoTime);
    }

    Pacing(Arrivals.Counter taken, long window, long refreshNanos, LongSupplier clock) {
        if (window < 1) {
            throw new IllegalArgumentException("the pacing window must be at least 1 message, not " + window);
        }
        this.taken = taken;
        this.window = window;
        this.refreshNanos = refreshNanos;
        this.clock = clock;
    }

    /**
     * Whether a burst may be issued when {@code issued} messages of the pass have been handed to
     * the nodes so far. False means: wait a moment and ask again.
     */
    boolean mayIssue(long issued) {
        if (issued - lastTaken < window) {
            return true;
        }
        refresh();
        if (issued - lastTaken < window) {
            return true;
        }
        waits.increment();
        return false;
    }

    /** How many times a publisher was told to wait: 0 in a run the receiver keeps up with. */
    long waits() {
        return waits.sum();
    }

    long window() {
        return window;
    }

    private void refresh() {
        long now = clock.getAsLong();
        if ((everRead && now - lastRead < refreshNanos) || !reading.compareAndSet(false, true)) {
            return;
        }
        try {
            lastTaken = Math.max(lastTaken, taken.count());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // A receiver that cannot answer now (the hub while its database restarts): the last
            // count stands, the publishers wait, nothing runs ahead unchecked.
            LOG.debug("the receiver's count is not available now: {}", e.toString());
        } finally {
            lastRead = clock.getAsLong();
            everRead = true;
            reading.set(false);
        }
    }
}
