package fr.relais.bench;

import java.util.Arrays;

/** Percentiles of measured values, by the nearest-rank method: always a value that was measured. */
public final class Percentiles {
    private Percentiles() {
    }

    /** The {@code percent}-th percentile of {@code values}, or -1 if there are none. Sorts a copy. */
    public static long of(long[] values, double percent) {
        if (values.length == 0) {
            return -1;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
