package fr.relais.bench.agent;

/**
 * How the figures of an accelerated run become a real day's. An agent's work is of two kinds:
 * per message (reading a device, encoding, the outbox's commits, publishing), which an accelerated
 * run does as often as a real day does, only faster; and per real second (the durability barrier's
 * idle commits, the MQTT keep-alive, timers, the garbage collector's background), which an
 * accelerated run does only for its own, shorter, duration. So an idle agent is measured apart,
 * its rate taken out of the accelerated run, and a whole real day of it added back:
 * {@code day = (run - idleRate × runSeconds) × 86400 / simulatedSeconds + idleRate × 86400}.
 */
final class DayScaling {
    static final double DAY_SECONDS = 86_400;

    /** CPU seconds and bytes written by the agent over {@code realSeconds} of wall-clock time. */
    record Measure(double realSeconds, double cpuSeconds, long writeBytes) {
        Measure {
            if (!(realSeconds > 0)) {
                throw new IllegalArgumentException("a measure needs a positive duration, got " + realSeconds);
            }
            if (cpuSeconds < 0 || writeBytes < 0) {
                throw new IllegalArgumentException("negative CPU time or bytes written: " + cpuSeconds + ", " + writeBytes);
            }
        }
    }

    /** A real day's figures: CPU as a percentage of one core, bytes written. */
    record Day(double cpuPercent, double writtenBytes, double perMessageCpuSeconds, double idleCpuSeconds,
               double perMessageBytes, double idleBytes) {
        double writtenMegabytes() {
            return writtenBytes / 1_048_576.0;
        }
    }

    private DayScaling() {
    }

    /**
     * @param run       the accelerated run, measured after the agent's start
     * @param idle      an idle agent (no device, connected), measured the same way
     * @param timeScale simulated seconds per real second in the run
     */
    static Day toRealDay(Measure run, Measure idle, double timeScale) {
        if (!(timeScale >= 1)) {
            throw new IllegalArgumentException("a time scale is at least 1, got " + timeScale);
        }
        double simulatedSeconds = run.realSeconds() * timeScale;
        double idleCpuRate = idle.cpuSeconds() / idle.realSeconds();
        double idleByteRate = idle.writeBytes() / idle.realSeconds();
        // What the run did beyond idling; never below zero (noise may make the idle agent look busier).
        double messageCpu = Math.max(0, run.cpuSeconds() - idleCpuRate * run.realSeconds());
        double messageBytes = Math.max(0, run.writeBytes() - idleByteRate * run.realSeconds());
        double perMessageCpu = messageCpu * DAY_SECONDS / simulatedSeconds;
        double perMessageBytes = messageBytes * DAY_SECONDS / simulatedSeconds;
        double idleCpu = idleCpuRate * DAY_SECONDS;
        double idleBytes = idleByteRate * DAY_SECONDS;
        return new Day((perMessageCpu + idleCpu) / DAY_SECONDS * 100, perMessageBytes + idleBytes,
                perMessageCpu, idleCpu, perMessageBytes, idleBytes);
    }
}
