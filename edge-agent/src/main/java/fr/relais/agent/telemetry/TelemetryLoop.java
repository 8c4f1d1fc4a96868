package fr.relais.agent.telemetry;

import fr.relais.agent.clock.ClockWatch;
import fr.relais.agent.device.Device;
import fr.relais.agent.device.DeviceEvent;
import fr.relais.agent.device.Reading;
import fr.relais.agent.host.HostMonitor;
import fr.relais.agent.outbox.MessageEmitter;
import fr.relais.agent.outbox.RepeatedErrors;
import fr.relais.agent.store.StorageException;
import fr.relais.agent.uplink.Envelopes;
import fr.relais.agent.uplink.Uplink;
import fr.relais.protocol.ClockConfidence;
import fr.relais.protocol.Event;
import fr.relais.protocol.Health;
import fr.relais.protocol.Message;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.Telemetry;
import fr.relais.protocol.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every interval, reads each device and stores its telemetry and events in the outbox, then the
 * node's own health (its outbox, uplink and host: disk, CPU temperature and throttling); they are
 * sent whenever the link allows. While the disk refuses writes, the node's health is also
 * published directly, so the hub sees it (and why nothing else arrives). A device that throws is reported
 * with health {@code unknown}; it never stops the loop.
 */
public final class TelemetryLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(TelemetryLoop.class);

    private final String node;
    private final List<Device> devices;
    private final Uplink uplink;
    private final MessageEmitter emitter;
    private final Envelopes envelopes;
    private final ClockWatch clock;
    private final HostMonitor host;
    private final Instant started;
    private long deviceFailures;
    private final MessageCodec codec = new MessageCodec();
    private final RepeatedErrors errors = new RepeatedErrors(LOG);

    public TelemetryLoop(String node, List<Device> devices, Uplink uplink, MessageEmitter emitter,
                         Envelopes envelopes, ClockWatch clock, HostMonitor host) {
        this.node = node;
        this.devices = List.copyOf(devices);
        this.uplink = uplink;
        this.emitter = emitter;
        this.envelopes = envelopes;
        this.clock = clock;
        this.host = host;
        this.started = clock.now();
    }

    /**
     * One tick. Nothing escapes it: an exception thrown out of a periodic task would cancel the
     * schedule for good, and the node would fall silent (a failing SD card can fail reads too).
     */
    @Override
    public void run() {
        try {
            tick();
        } catch (RuntimeException e) {
            errors.error("tick:" + e.getClass().getName(), node + ": a telemetry tick failed: " + e);
        }
    }

    private void tick() {
        for (Device device : devices) {
            Reading reading = read(device);
            String id = device.info().id();
            emit(new Telemetry(envelopes.next(), Optional.of(id), reading.health(), reading.metrics()));
            for (DeviceEvent event : reading.events()) {
                emit(new Event(envelopes.next(), Optional.of(id), event.type(), event.severity(), event.message(),
                        event.data()));
            }
        }
        Map<String, Object> own = ownMetrics();
        Telemetry health = new Telemetry(envelopes.next(), Optional.empty(), Health.OK, own);
        boolean failing = Boolean.TRUE.equals(own.get("storageFailing"));
        if (failing) {
            // The disk refuses writes: this message says so, and must reach the hub anyway.
            sendDirectly(health, "the disk refuses writes");
        }
        emit(health).exceptionally(failure -> {
            if (!failing) {
                sendDirectly(health, "it could not be stored: " + failure.getMessage());
            }
            return null;
        });
    }

    /**
     * Hands a message to the outbox. A message the disk refuses is counted by the outbox (and
     * logged there, once a minute at most) and skipped: the next reading supersedes it.
     */
    private CompletableFuture<Void> emit(Message message) {
        try {
            return emitter.emit(message);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        }
    }

    private void sendDirectly(Telemetry health, String why) {
        LOG.debug("{}: sending the node's health directly, {}", node, why);
        uplink.publish(Topic.Kind.TELEMETRY, codec.encode(health));
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
        try {
            metrics.putAll(emitter.outbox().stats().asMetrics());
        } catch (StorageException e) {
            // The outbox cannot even be read: say so rather than say nothing.
            metrics.put("storageFailing", true);
            errors.error("stats", node + ": cannot read the outbox's statistics: " + e);
        }
        metrics.put("linkUp", uplink.isOnline());
        metrics.put("uptimeSeconds", Duration.between(started, clock.now()).toSeconds());
        metrics.put("bdSeq", uplink.bdSeq());
        metrics.put("devices", (long) devices.size());
        metrics.put("deviceFailures", deviceFailures);
        metrics.put("clockSynced", clock.confidence() == ClockConfidence.SYNCED);
        metrics.putAll(host.read());
        return metrics;
    }
}
