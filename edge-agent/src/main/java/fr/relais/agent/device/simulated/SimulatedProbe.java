package fr.relais.agent.device.simulated;

import fr.relais.agent.device.Reading;
import fr.relais.agent.device.probe.InterfaceKind;
import fr.relais.agent.device.probe.LinkKind;
import fr.relais.agent.device.probe.ProbeSettings;
import fr.relais.agent.device.probe.ProbeThresholds;
import fr.relais.protocol.Birth;
import fr.relais.protocol.Health;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * A connectivity probe on one of the territory's links, with the real probe's metric names, units
 * and types ({@code link}, {@code interfaceKind}, {@code targets}, {@code targetsUp}, {@code sent},
 * {@code received}, {@code lossPercent}, {@code latencyMin/Median/MaxMs}, {@code throughputMbps},
 * {@code problem}) and its default thresholds. Like the real one it tries two targets five times
 * each, so the loss moves by steps of 10 %.
 *
 * <p>Each node's line has its own quality (seeded by node and device: one ADSL village is better
 * served than another), and the van's mobile link changes with its stop: morning and afternoon of
 * each day are two stops, each with its own coverage, the same for every run.
 *
 * <p>The real probe measures throughput every few hours; the simulation gives a figure at every
 * reading so that the demo's broadband table fills within minutes.
 */
final class SimulatedProbe extends SimulatedDevice {
    static final int TARGETS = 2;

    /** A kind of link: its usual latency (ms), throughput (Mbit/s), attempt loss and chance of a bad patch. */
    enum Profile {
        FIBRE(LinkKind.FIBRE, 6, 500, 0.001, 0.01),
        VDSL(LinkKind.VDSL, 18, 45, 0.003, 0.03),
        ADSL(LinkKind.ADSL, 35, 10, 0.005, 0.05),
        CELLULAR_4G(LinkKind.CELLULAR_4G, 50, 30, 0.01, 0.15),
        CELLULAR_5G(LinkKind.CELLULAR_5G, 30, 150, 0.008, 0.1),
        SATELLITE(LinkKind.SATELLITE, 45, 100, 0.01, 0.08);

        final LinkKind link;
        final double latencyMs;
        final double throughputMbps;
        final double attemptLoss;
        final double troubleChance;

        Profile(LinkKind link, double latencyMs, double throughputMbps, double attemptLoss, double troubleChance) {
            this.link = link;
            this.latencyMs = latencyMs;
            this.throughputMbps = throughputMbps;
            this.attemptLoss = attemptLoss;
            this.troubleChance = troubleChance;
        }

        boolean mobile() {
            return link == LinkKind.CELLULAR_4G || link == LinkKind.CELLULAR_5G;
        }

        /** The link as the real probe's {@code link} setting names it; ADSL when none is given. */
        static Profile parse(Object setting) {
            String name = setting == null ? LinkKind.ADSL.wire() : setting.toString();
            return Arrays.stream(values()).filter(profile -> profile.link.wire().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("settings.link '" + name + "' is not one of: "
                            + Arrays.stream(values()).map(profile -> profile.link.wire())
                            .collect(Collectors.joining(", "))));
        }
    }

    private final Profile profile;
    /** This line's own quality: below 1 a slower line than usual for its kind. */
    private final double lineQuality;
    private final long stopSeed;
    private boolean troubled;

    SimulatedProbe(Birth.DeviceInfo info, Random random, long stopSeed, Map<String, Object> settings) {
        super(info, random);
        this.profile = Profile.parse(settings.get("link"));
        this.lineQuality = 0.5 + random.nextDouble();
        this.stopSeed = stopSeed;
    }

    @Override
    public Reading read(Instant now) {
        double quality = lineQuality * (profile.mobile() ? stopCoverage(now) : 1);
        troubled = troubled ? random.nextInt(3) != 0 : random.nextDouble() < profile.troubleChance;
        double attemptLoss = troubled ? 0.15 + random.nextDouble() * 0.4 : profile.attemptLoss / quality;
        int attempts = ProbeSettings.DEFAULT_ATTEMPTS;
        List<Double> millis = new ArrayList<>();
        long targetsUp = 0;
        int received = 0;
        for (int target = 0; target < TARGETS; target++) {
            int answered = 0;
            for (int attempt = 0; attempt < attempts; attempt++) {
                if (random.nextDouble() >= attemptLoss) {
                    answered++;
                    double spread = troubled ? 2.5 + random.nextDouble() * 4 : 0.85 + random.nextDouble() * 0.4;
                    millis.add(SimulatedDevices.round(profile.latencyMs / Math.sqrt(quality) * spread, 1));
                }
            }
            targetsUp += answered > 0 ? 1 : 0;
            received += answered;
        }
        int sent = TARGETS * attempts;
        double loss = received == 0 ? 100.0 : SimulatedDevices.round(100.0 * (sent - received) / sent, 1);
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("link", profile.link.wire());
        metrics.put("interfaceKind", (profile.mobile() ? InterfaceKind.CELLULAR : InterfaceKind.ETHERNET).wire());
        metrics.put("targets", (long) TARGETS);
        metrics.put("targetsUp", targetsUp);
        metrics.put("sent", (long) sent);
        metrics.put("received", (long) received);
        metrics.put("lossPercent", loss);
        List<String> problems = new ArrayList<>();
        Health health = Health.OK;
        if (!millis.isEmpty()) {
            millis.sort(null);
            double median = median(millis);
            metrics.put("latencyMinMs", millis.get(0));
            metrics.put("latencyMedianMs", median);
            metrics.put("latencyMaxMs", millis.get(millis.size() - 1));
            double throughput = profile.throughputMbps * quality
                    * (troubled ? 0.05 + random.nextDouble() * 0.2 : 0.75 + random.nextDouble() * 0.3);
            metrics.put("throughputMbps", SimulatedDevices.round(throughput, 1));
            health = judge(loss, median, problems);
        } else {
            health = Health.CRITICAL;
            problems.add("aucune connectivité : aucune des " + TARGETS + " cibles ne répond");
        }
        if (!problems.isEmpty()) {
            metrics.put("problem", String.join(" ; ", problems));
        }
        return Reading.of(health, metrics);
    }

    /** The real probe's default thresholds, its words shortened. */
    private static Health judge(double loss, double median, List<String> problems) {
        Health health = Health.OK;
        if (loss >= ProbeThresholds.DEFAULT_LOSS_CRITICAL_PERCENT || median >= ProbeThresholds.DEFAULT_LATENCY_CRITICAL_MS) {
            health = Health.CRITICAL;
        } else if (loss >= ProbeThresholds.DEFAULT_LOSS_WARNING_PERCENT
                || median >= ProbeThresholds.DEFAULT_LATENCY_WARNING_MS) {
            health = Health.WARNING;
        }
        if (loss >= ProbeThresholds.DEFAULT_LOSS_WARNING_PERCENT) {
            problems.add("perte de " + Math.round(loss) + " % des connexions");
        }
        if (median >= ProbeThresholds.DEFAULT_LATENCY_WARNING_MS) {
            problems.add("latence médiane " + Math.round(median) + " ms");
        }
        return health;
    }

    private static double median(List<Double> sorted) {
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle)
                : SimulatedDevices.round((sorted.get(middle - 1) + sorted.get(middle)) / 2, 1);
    }

    /**
     * The mobile coverage where the van stands: one stop in the morning, another in the
     * afternoon, each day; from 0.25 (the edge of a cell, in a valley) to 1.5 (a mast in sight).
     */
    double stopCoverage(Instant now) {
        ZonedDateTime local = now.atZone(DemoHours.PARIS);
        long stop = local.toLocalDate().toEpochDay() * 2 + (local.getHour() < 13 ? 0 : 1);
        // Mixed so that two neighbouring stops do not start their random sequences alike.
        return 0.25 + new Random(stopSeed ^ (stop * 0x9E3779B97F4A7C15L)).nextDouble() * 1.25;
    }
}
