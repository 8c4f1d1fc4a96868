package fr.relais.agent.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Priority messages (alarms, access logs, command replies) the disk refused: kept in memory,
 * bounded, and offered to the disk again with a growing delay (1 s, doubling up to 30 s, and at
 * once when another write succeeds) until it accepts them. Their producers' futures complete
 * then. Only the writer thread uses this class; {@link #size()} is read by the statistics.
 *
 * <p>They live in memory only: if the agent stops before the disk accepts them, they are lost,
 * and counted as not stored.
 */
final class HeldMessages {
    static final int MAX_MESSAGES = 10_000;
    static final long MAX_BYTES = 16L * 1024 * 1024;
    private static final long FIRST_DELAY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long MAX_DELAY_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final List<Outbox.Pending> held = new ArrayList<>();
    private volatile int size;
    private long bytes;
    private long delay = FIRST_DELAY_NANOS;
    private long retryAt;

    /** Keeps a refused message; false if memory is full, and the message cannot be kept. */
    boolean hold(Outbox.Pending pending, long nowNanos) {
        if (held.size() >= MAX_MESSAGES || bytes + pending.payload().length > MAX_BYTES) {
            return false;
        }
        if (held.isEmpty()) {
            retryAt = nowNanos + delay;
        }
        held.add(pending);
        bytes += pending.payload().length;
        size = held.size();
        return true;
    }

    boolean due(long nowNanos) {
        return !held.isEmpty() && nowNanos - retryAt >= 0;
    }

    /** Hands every held message over for another try (oldest first); they are held again if it fails. */
    List<Outbox.Pending> takeAll() {
        List<Outbox.Pending> taken = List.copyOf(held);
        held.clear();
        bytes = 0;
        size = 0;
        return taken;
    }

    /** The disk refused again: wait longer before the next try. */
    void refusedAgain(long nowNanos) {
        delay = Math.min(delay * 2, MAX_DELAY_NANOS);
        retryAt = nowNanos + delay;
    }

    /** A write succeeded: the disk takes writes again, so try the held messages at once. */
    void diskAccepts(long nowNanos) {
        delay = FIRST_DELAY_NANOS;
        retryAt = nowNanos;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return held.isEmpty();
    }
}
