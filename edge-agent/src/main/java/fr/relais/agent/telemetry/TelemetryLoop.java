package fr.relais.agent.telemetry;

import fr.relais.agent.clock.ClockWatch;
import fr.relais.agent.device.DeviceSet;
import fr.relais.agent.host.HostMonitor;
import fr.relais.agent.outbox.MessageEmitter;
import fr.relais.agent.outbox.RepeatedErrors;
import fr.relais.agent.store.StorageException;
import fr.relais.agent.uplink.Envelopes;
import fr.relais.agent.uplink.Uplink;
import fr.relais.protocol.ClockConfidence;
import fr.relais.protocol.Health;
import fr.relais.protocol.Message;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.Telemetry;
import fr.relais.protocol.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every interval, stores the node's own health in the outbox (its outbox, uplink, devices and
 * host: disk, CPU temperature and throttling); it is sent whenever the link allows. While the
 * disk refuses writes, it is also published directly, so the hub sees it (and why nothing else
 * arrives). The devices report on their own threads ({@link DeviceSet}), never on this one.
 */
public final class TelemetryLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(TelemetryLoop.class);

    private final String node;
    private final DeviceSet devices;
    private final Uplink uplink;
    private final MessageEmitter emitter;
    private final Envelopes envelopes;
    private final ClockWatch clock;
    private final HostMonitor host;
    private final Instant started;
    private final Function<Instant, Map<String, Object>> extra;
    private final MessageCodec codec = new MessageCodec();
    private final RepeatedErrors errors = new RepeatedErrors(LOG);

    public TelemetryLoop(String node, DeviceSet devices, Uplink uplink, MessageEmitter emitter,
                         Envelopes envelopes, ClockWatch clock, HostMonitor host) {
        this(node, devices, uplink, emitter, envelopes, clock, host, now -> Map.of());
    }

    /** @param extra more of the node's own metrics at a time (door access: the list's version and age) */
    public TelemetryLoop(String node, DeviceSet devices, Uplink uplink, MessageEmitter emitter,
                         Envelopes envelopes, ClockWatch clock, HostMonitor host,
                         Function<Instant, Map<String, Object>> extra) {
        this.extra = extra;
        this.node = node;
        this.devices = devices;
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
        Map<String, Object> own = ownMetrics();
        Telemetry health;
        CompletableFuture<Void> stored;
        synchronized (envelopes) {
            // Numbered and queued in one step: the devices' threads emit too, and rows must keep
            // the order of their sequence numbers.
            health = new Telemetry(envelopes.next(), Optional.empty(), Health.OK, own);
            stored = emit(health);
        }
        boolean failing = Boolean.TRUE.equals(own.get("storageFailing"));
        if (failing) {
            // The disk refuses writes: this message says so, and must reach the hub anyway.
            sendDirectly(health, "the disk refuses writes");
        }
        stored.exceptionally(failure -> {
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
        metrics.put("deviceFailures", devices.failures());
        metrics.put("clockSynced", clock.confidence() == ClockConfidence.SYNCED);
        metrics.putAll(host.read());
        metrics.putAll(extra.apply(clock.now()));
        return metrics;
    }
}
