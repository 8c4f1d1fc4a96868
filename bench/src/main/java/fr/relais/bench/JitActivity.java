package fr.relais.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The JIT compilers' work in this JVM (the hub runs in it), to tell when the hub's code is warm.
 * On a busy two-core machine the compilers fall behind: after a warm-up pass of 40 000 messages,
 * the measured pass still spent most of its first 24 s compiling (C2 on Jackson, Paho, the hub's
 * writer), so the passes continue until the compilers have little left to do.
 */
final class JitActivity {
    /** The compilers count as quiet when they compile less than this share of the time. */
    static final double QUIET_SHARE = 0.05;
    private static final long STEP_MILLIS = 500;

    private final LongSupplier compileMillis;

    JitActivity(LongSupplier compileMillis) {
        this.compileMillis = compileMillis;
    }

    /** This JVM's compilers, or none if it does not say (then the JIT always looks quiet). */
    static JitActivity ofThisJvm() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return new JitActivity(() -> 0);
        }
        return new JitActivity(jit::getTotalCompilationTime);
    }

    /** Milliseconds the compilers have worked so far (added over their threads). */
    long compileMillis() {
        return compileMillis.getAsLong();
    }

    /** Whether {@code compiledMillis} of compiling over {@code wallNanos} is quiet enough to measure. */
    static boolean quiet(long compiledMillis, long wallNanos) {
        return compiledMillis <= QUIET_SHARE * TimeUnit.NANOSECONDS.toMillis(Math.max(wallNanos, 1));
    }

    /**
     * Waits until the compilers were quiet over a step (their queue from the pass before drained),
     * or until {@code maxNanos}; returns the milliseconds they compiled meanwhile.
     */
    long awaitQuiet(long maxNanos) throws InterruptedException {
        long start = compileMillis();
        long deadline = System.nanoTime() + maxNanos;
        long before = start;
        while (System.nanoTime() < deadline) {
            long stepStart = System.nanoTime();
            Thread.sleep(STEP_MILLIS);
            long now = compileMillis();
            if (quiet(now - before, System.nanoTime() - stepStart)) {
                return now - start;
            }
            before = now;
        }
        return compileMillis() - start;
    }
}
