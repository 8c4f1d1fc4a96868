package fr.relais.agent.device.probe;

import fr.relais.protocol.json.FieldException;
import fr.relais.protocol.json.StrictObject;
import java.util.Optional;

/**
 * When the probe calls its link degraded (warning) or unusable (critical). The defaults suit a
 * wired line; a satellite link or the van's 4G needs higher latency bounds.
 */
public record ProbeThresholds(double latencyWarningMs, double latencyCriticalMs, double lossWarningPercent,
                              double lossCriticalPercent, Optional<Double> throughputWarningMbps) {
    public static final double DEFAULT_LATENCY_WARNING_MS = 150;
    public static final double DEFAULT_LATENCY_CRITICAL_MS = 600;
    public static final double DEFAULT_LOSS_WARNING_PERCENT = 5;
    public static final double DEFAULT_LOSS_CRITICAL_PERCENT = 50;

    public static final ProbeThresholds DEFAULTS = new ProbeThresholds(DEFAULT_LATENCY_WARNING_MS,
            DEFAULT_LATENCY_CRITICAL_MS, DEFAULT_LOSS_WARNING_PERCENT, DEFAULT_LOSS_CRITICAL_PERCENT, Optional.empty());

    /** Read from the flat settings block; a critical bound below its warning bound is refused. */
    static ProbeThresholds read(StrictObject settings) throws FieldException {
        double latencyWarning = positive(settings, "latencyWarningMs", DEFAULT_LATENCY_WARNING_MS, 600_000);
        double latencyCritical = positive(settings, "latencyCriticalMs", DEFAULT_LATENCY_CRITICAL_MS, 600_000);
        double lossWarning = positive(settings, "lossWarningPercent", DEFAULT_LOSS_WARNING_PERCENT, 100);
        double lossCritical = positive(settings, "lossCriticalPercent", DEFAULT_LOSS_CRITICAL_PERCENT, 100);
        atLeast(settings, "latencyCriticalMs", latencyCritical, "latencyWarningMs", latencyWarning);
        atLeast(settings, "lossCriticalPercent", lossCritical, "lossWarningPercent", lossWarning);
        Optional<Double> throughput = settings.optionalNumber("throughputWarningMbps");
        if (throughput.isPresent() && throughput.get() <= 0) {
            throw new FieldException(settings.field("throughputWarningMbps"), "must be above 0, got " + throughput.get());
        }
        return new ProbeThresholds(latencyWarning, latencyCritical, lossWarning, lossCritical, throughput);
    }

    private static double positive(StrictObject settings, String name, double defaultValue, double max)
            throws FieldException {
        double value = settings.optionalNumber(name).orElse(defaultValue);
        if (value <= 0 || value > max) {
            throw new FieldException(settings.field(name), "must be above 0 and at most " + (long) max + ", got " + value);
        }
        return value;
    }

    private static void atLeast(StrictObject settings, String name, double value, String lowerName, double lower)
            throws FieldException {
        if (value < lower) {
            throw new FieldException(settings.field(name), "must be at least " + lowerName + " (" + lower + "), got "
                    + value);
        }
    }
}
