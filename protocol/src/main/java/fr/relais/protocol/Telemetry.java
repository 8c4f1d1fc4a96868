package fr.relais.protocol;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Periodic readings of one device, or of the node itself when {@code device} is empty.
 * Metric values are plain scalars: {@link Long}, {@link Double}, {@link Boolean} or
 * {@link String}.
 */
public record Telemetry(Envelope envelope, Optional<String> device, Health health, Map<String, Object> metrics)
        implements Message {

    public Telemetry {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(health, "health");
        metrics = Metrics.copyOf(metrics);
        device.ifPresent(id -> {
            if (!Ids.isValid(id)) {
                throw new IllegalArgumentException("device " + Ids.problem(id));
            }
        });
    }
}
