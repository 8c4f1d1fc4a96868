package fr.relais.agent.telemetry;

import fr.relais.agent.clock.ClockWatch;
import fr.relais.agent.device.Device;
import fr.relais.agent.device.DeviceEvent;
import fr.relais.agent.device.Reading;
import fr.relais.agent.uplink.Envelopes;
import fr.relais.agent.uplink.Uplink;
import fr.relais.protocol.Event;
import fr.relais.protocol.Health;
import fr.relais.protocol.Telemetry;
import fr.relais.protocol.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every interval, reads each device and publishes its telemetry and events, then the node's own
 * health. A device that throws is reported with health {@code unknown}; it never stops the loop.
 */
public final class TelemetryLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(TelemetryLoop.class);

    private final String node;
    private final List<Device> devices;
    private final Uplink uplink;
    private final Envelopes envelopes;
    private final ClockWatch clock;
    private final Instant started;
    private long deviceFailures;

    public TelemetryLoop(String node, List<Device> devices, Uplink uplink, Envelopes envelopes, ClockWatch clock) {
        this.node = node;
        this.devices = List.copyOf(devices);
        this.uplink = uplink;
        this.envelopes = envelopes;
        this.clock = clock;
        this.started = clock.now();
    }

    @Override
    public void run() {
        if (!uplink.isOnline()) {
            // Not read, not numbered: counted so the gap is reported (the outbox will keep them).
            uplink.stats().countNotSentOffline(devices.size() + 1L);
            return;
        }
        for (Device device : devices) {
            Reading reading = read(device);
            String id = device.info().id();
            uplink.publish(Topic.Kind.TELEMETRY,
                    new Telemetry(envelopes.next(), Optional.of(id), reading.health(), reading.metrics()));
            for (DeviceEvent event : reading.events()) {
                uplink.publish(Topic.Kind.EVENT, new Event(envelopes.next(), Optional.of(id), event.type(),
                        event.severity(), event.message(), event.data()));
            }
        }
        uplink.publish(Topic.Kind.TELEMETRY,
                new Telemetry(envelopes.next(), Optional.empty(), Health.OK, ownMetrics()));
    }

    private Reading read(Device device) {
        try {
            return device.read(clock.now());
        } catch (RuntimeException e) {
            deviceFailures++;
            LOG.warn("{}: reading {} failed", node, device.info().id(), e);
            return Reading.of(Health.UNKNOWN, Map.of("error", String.valueOf(e.getMessage())));
        }
    }

    private Map<String, Object> ownMetrics() {
        Map<String, Object> metrics = new LinkedHashMap<>(uplink.stats().asMetrics());
        metrics.put("uptimeSeconds", Duration.between(started, clock.now()).toSeconds());
        metrics.put("bdSeq", uplink.bdSeq());
        metrics.put("devices", (long) devices.size());
        metrics.put("deviceFailures", deviceFailures);
        metrics.put("clockSynced", clock.confidence() == fr.relais.protocol.ClockConfidence.SYNCED);
        return metrics;
    }
}
