package fr.relais.agent.device.probe;

/** Durations as the probe reports them: milliseconds with one decimal, from a monotonic clock. */
final class Elapsed {
    private Elapsed() {
    }

    /** Since {@code startNanos} (a {@link System#nanoTime()}), never negative. */
    static double millisSince(long startNanos) {
        return millis(System.nanoTime() - startNanos);
    }

    static double millis(long nanos) {
        return round1(Math.max(0, nanos) / 1_000_000.0);
    }

    static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }

    static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
