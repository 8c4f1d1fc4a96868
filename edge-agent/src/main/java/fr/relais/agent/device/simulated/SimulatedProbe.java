package fr.relais.agent.device.simulated;

import fr.relais.agent.device.Reading;
import fr.relais.protocol.Birth;
import fr.relais.protocol.Health;
import java.time.Instant;
import java.util.Map;
import java.util.Random;

/**
 * A connectivity probe on one of the territory's links: fibre, ADSL ("montée en débit") or the
 * van's 4G, which comes and goes between villages.
 */
final class SimulatedProbe extends SimulatedDevice {
    /** A kind of link, with its usual latency (ms), bandwidth (Mbit/s) and chance of a bad patch. */
    enum Link {
        FIBRE(6, 300, 0.01), ADSL(35, 12, 0.05), CELLULAR_4G(55, 25, 0.25);

        final double latencyMs;
        final double downlinkMbps;
        final double troubleChance;

        Link(double latencyMs, double downlinkMbps, double troubleChance) {
            this.latencyMs = latencyMs;
            this.downlinkMbps = downlinkMbps;
            this.troubleChance = troubleChance;
        }

        static Link parse(Object setting) {
            String name = setting == null ? "adsl" : setting.toString();
            return switch (name) {
                case "fibre" -> FIBRE;
                case "adsl" -> ADSL;
                case "4g" -> CELLULAR_4G;
                default -> throw new IllegalArgumentException(
                        "settings.link '" + name + "' is not one of: fibre, adsl, 4g");
            };
        }
    }

    static final double WARNING_LOSS = 2;
    static final double CRITICAL_LOSS = 20;
    static final double WARNING_LATENCY_MS = 150;

    private final Link link;
    private boolean troubled;

    SimulatedProbe(Birth.DeviceInfo info, Random random, Map<String, Object> settings) {
        super(info, random);
        this.link = Link.parse(settings.get("link"));
    }

    @Override
    public Reading read(Instant now) {
        troubled = troubled ? random.nextInt(3) != 0 : random.nextDouble() < link.troubleChance;
        double latency = link.latencyMs * (troubled ? 3 + random.nextDouble() * 4 : 0.8 + random.nextDouble() * 0.5);
        double loss = troubled ? 3 + random.nextDouble() * 40 : random.nextDouble() * 0.5;
        double downlink = link.downlinkMbps * (troubled ? 0.05 + random.nextDouble() * 0.2 : 0.7 + random.nextDouble() * 0.3);
        Map<String, Object> metrics = Map.of(
                "link", link == Link.CELLULAR_4G ? "4g" : link.name().toLowerCase(),
                "latencyMedianMs", SimulatedDevices.round(latency, 1),
                "lossPercent", SimulatedDevices.round(loss, 1),
                "throughputMbps", SimulatedDevices.round(downlink, 1));
        return Reading.of(health(latency, loss), metrics);
    }

    private static Health health(double latency, double loss) {
        if (loss >= CRITICAL_LOSS) {
            return Health.CRITICAL;
        }
        return loss >= WARNING_LOSS || latency >= WARNING_LATENCY_MS ? Health.WARNING : Health.OK;
    }
}
