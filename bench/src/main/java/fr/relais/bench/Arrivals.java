package fr.relais.bench;

import java.util.concurrent.TimeUnit;

/**
 * Waits for a receiver's count to reach what was sent. A receiver that stops making progress for
 * {@link #STALL_NANOS} is not waited for any longer: what has not arrived by then is reported as
 * lost, rather than hanging the benchmark.
 */
final class Arrivals {
    static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(30);

    /** A count read from the receiver. */
    @FunctionalInterface
    interface Counter {
        long count() throws Exception;
    }

    /**
     * @param count    the last count read
     * @param reached  whether it reached the target
     * @param atNanos  when the target was seen reached, or when the count last moved
     * @param timedOut whether the wait ended at the deadline rather than for a lack of progress
     */
    record Outcome(long count, boolean reached, long atNanos, boolean timedOut) {
        /** Why the count fell short, for a person reading the benchmark's output. */
        String shortfall() {
            return timedOut ? "when the time allowed (--timeout) ran out"
                    : "and nothing more came for " + TimeUnit.NANOSECONDS.toSeconds(STALL_NANOS) + " s";
        }
    }

    private Arrivals() {
    }

    static Outcome await(Counter counter, long target, long deadlineNanos, long pollMillis) throws Exception {
        long last = counter.count();
        long lastMove = System.nanoTime();
        while (last < target) {
            long now = System.nanoTime();
            if (now - lastMove > STALL_NANOS || now > deadlineNanos) {
                return new Outcome(last, false, lastMove, now > deadlineNanos);
            }
            Thread.sleep(pollMillis);
            long count = counter.count();
            if (count != last) {
                last = count;
                lastMove = System.nanoTime();
            }
        }
        return new Outcome(last, true, lastMove, false);
    }
}
