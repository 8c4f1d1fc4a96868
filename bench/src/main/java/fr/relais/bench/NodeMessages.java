package fr.relais.bench;

import fr.relais.protocol.Birth;
import fr.relais.protocol.ClockConfidence;
import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.Envelope;
import fr.relais.protocol.Health;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.MessageIds;
import fr.relais.protocol.NodeState;
import fr.relais.protocol.Presence;
import fr.relais.protocol.SiteKind;
import fr.relais.protocol.Telemetry;
import fr.relais.protocol.Topic;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one simulated node says, built with the protocol's own records and codec so the hub
 * reads exactly what an agent would send: its state, its birth with a few devices, and
 * telemetry that cycles over the node itself and each device, as an agent's readings do.
 */
final class NodeMessages {
    /** The node's own readings come first (no device), then one per device, round and round. */
    private static final List<Birth.DeviceInfo> DEVICES = List.of(
            new Birth.DeviceInfo("kiosk-1", DeviceKind.KIOSK, "Borne d'accueil", true),
            new Birth.DeviceInfo("printer-1", DeviceKind.PRINTER, "Imprimante", true),
            new Birth.DeviceInfo("probe-1", DeviceKind.PROBE, "Sonde de liaison", true));
    private static final long BD_SEQ = 1;

    private final MessageCodec codec;
    private final String site;
    private final String node;
    private final String telemetryTopic;
    private final TelemetryPayload telemetry = new TelemetryPayload(DEVICES.stream().map(Birth.DeviceInfo::id).toList());

    NodeMessages(MessageCodec codec, String site, String node) {
        this.codec = codec;
        this.site = site;
        this.node = node;
        this.telemetryTopic = Topic.of(Topic.Kind.TELEMETRY, site, node).path();
    }

    String stateTopic() {
        return Topic.of(Topic.Kind.STATE, site, node).path();
    }

    String birthTopic() {
        return Topic.of(Topic.Kind.BIRTH, site, node).path();
    }

    String telemetryTopic() {
        return telemetryTopic;
    }

    byte[] state(Presence presence) {
        return codec.encode(new NodeState(presence, BD_SEQ, now()));
    }

    /** The birth opens the node's numbering at {@code seq} 0; telemetry continues from 1. */
    byte[] birth() {
        return codec.encode(new Birth(envelope(0), BD_SEQ, new Birth.SiteInfo("Banc d'essai", SiteKind.MEDIATION),
                new Birth.AgentInfo("bench", "bench-1"), DEVICES));
    }

    /**
     * Reading number {@code seq}, stamped now: its {@code ts} is where its latency starts. Written
     * straight into bytes ({@link TelemetryPayload}), the same JSON as {@link #telemetryByCodec}.
     * Called only by the thread that drives this node.
     */
    byte[] telemetry(long seq) {
        return telemetry.telemetry(seq, System.currentTimeMillis());
    }

    /** The same reading through the protocol's records and codec: what {@link #telemetry} must equal. */
    byte[] telemetryByCodec(long seq) {
        int slot = (int) (seq % (DEVICES.size() + 1));
        Optional<String> device = slot == 0 ? Optional.empty() : Optional.of(DEVICES.get(slot - 1).id());
        return codec.encode(new Telemetry(envelope(seq), device, Health.OK, metrics(slot, seq)));
    }

    /** The metrics of reading {@code seq} in {@code slot} (0: the node, then each device). */
    static Map<String, Object> metrics(int slot, long seq) {
        return switch (slot) {
            case 0 -> Map.of("cpu_temp_c", 48.5 + seq % 7, "disk_free_pct", 71L, "load1", 0.42);
            case 1 -> Map.of("session_active", seq % 3 == 0, "uptime_s", 3_600L + seq);
            case 2 -> Map.of("toner_pct", 64L, "pages_total", 12_000L + seq, "state", "idle");
            default -> Map.of("latency_ms", 20.0 + seq % 11, "loss_pct", 0.0);
        };
    }

    private static Envelope envelope(long seq) {
        return new Envelope(MessageIds.next(), seq, now(), ClockConfidence.SYNCED);
    }

    /**
     * Whole milliseconds: the hub's {@code received_at} has no finer grain, and the protocol's
     * fast telemetry path reads only millisecond timestamps.
     */
    private static Instant now() {
        return Instant.ofEpochMilli(System.currentTimeMillis());
    }
}
