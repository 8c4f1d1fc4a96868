package fr.relais.hub.alert;

import fr.relais.hub.db.Database;
import fr.relais.hub.ingest.IngestStats;
import fr.relais.hub.ingest.Received;
import fr.relais.hub.ingest.write.RegistryWriter;
import fr.relais.hub.ingest.write.StoredTotals;
import fr.relais.protocol.Birth;
import fr.relais.protocol.ClockConfidence;
import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.Envelope;
import fr.relais.protocol.Event;
import fr.relais.protocol.Health;
import fr.relais.protocol.Message;
import fr.relais.protocol.MessageCodec;
import fr.relais.protocol.MessageIds;
import fr.relais.protocol.NodeState;
import fr.relais.protocol.Presence;
import fr.relais.protocol.Severity;
import fr.relais.protocol.SiteKind;
import fr.relais.protocol.Telemetry;
import fr.relais.protocol.Topic;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One node of the territory as its agent reports it, written straight into the registry: the
 * same messages, metric names and event types as the edge agent's simulated devices and its own
 * health telemetry.
 */
final class Territory {
    static final String SITE = "montcornet";
    static final String NODE = "montcornet-pi";

    private final MessageCodec codec = new MessageCodec();
    private final RegistryWriter writer;
    private final MutableClock clock;
    private final String site;
    private final SiteKind siteKind;
    private final String node;
    private long seq;

    Territory(Database database, MutableClock clock) {
        this(new RegistryWriter(database, new IngestStats(), new StoredTotals()), clock, SITE, SiteKind.MEDIATION, NODE);
    }

    Territory(RegistryWriter writer, MutableClock clock, String site, SiteKind siteKind, String node) {
        this.writer = writer;
        this.clock = clock;
        this.site = site;
        this.siteKind = siteKind;
        this.node = node;
    }

    Territory otherNode(String otherSite, SiteKind kind, String otherNode) {
        return new Territory(writer, clock, otherSite, kind, otherNode);
    }

    /** State and birth with a printer, a probe and a door, as an agent says them on connecting. */
    void announce() throws SQLException {
        write(Topic.Kind.STATE, new NodeState(Presence.ONLINE, 1, clock.instant()));
        write(Topic.Kind.BIRTH, new Birth(envelope(), 1, new Birth.SiteInfo("Espace numérique", siteKind),
                new Birth.AgentInfo("1.0", "sha256:1"), List.of(
                        new Birth.DeviceInfo("printer-accueil", DeviceKind.PRINTER, "Imprimante", true),
                        new Birth.DeviceInfo("probe-adsl", DeviceKind.PROBE, "Sonde ADSL", true),
                        new Birth.DeviceInfo("door-entree", DeviceKind.DOOR, "Porte d'entrée", true))));
    }

    void lost() throws SQLException {
        write(Topic.Kind.STATE, new NodeState(Presence.LOST, 1, clock.instant()));
    }

    /** What SimulatedPrinter reports. */
    void printer(Health health, long tonerPercent, boolean paperOut) throws SQLException {
        device("printer-accueil", health, Map.of("tonerPercent", tonerPercent, "pagesPrinted", 1200L,
                "paperOut", paperOut, "state", "idle"));
    }

    /** What SimulatedProbe reports. */
    void probe(Health health, double latencyMs, double lossPercent) throws SQLException {
        device("probe-adsl", health, Map.of("link", "adsl", "latencyMedianMs", latencyMs, "lossPercent", lossPercent,
                "throughputMbps", 10.5));
    }

    void device(String device, Health health, Map<String, Object> metrics) throws SQLException {
        write(Topic.Kind.TELEMETRY, new Telemetry(envelope(), Optional.of(device), health, metrics));
    }

    /** The node's own health, as TelemetryLoop reports it, with {@code extra} metrics over it. */
    void nodeHealth(long outboxDepth, Map<String, Object> extra) throws SQLException {
        Map<String, Object> metrics = new java.util.LinkedHashMap<>(Map.of("outboxDepth", outboxDepth,
                "outboxEvicted", 0L, "outboxEvictedSinceFlush", 0L, "linkUp", true, "uptimeSeconds", 3600L));
        metrics.putAll(extra);
        write(Topic.Kind.TELEMETRY, new Telemetry(envelope(), Optional.empty(), Health.OK, metrics));
    }

    void event(String device, String type, Severity severity) throws SQLException {
        write(Topic.Kind.EVENT, new Event(envelope(), Optional.ofNullable(device), type, severity, type, Map.of()));
    }

    private Envelope envelope() {
        return new Envelope(MessageIds.next(), seq++, clock.instant(), ClockConfidence.SYNCED);
    }

    private void write(Topic.Kind kind, Message message) throws SQLException {
        writer.write(List.of(new Received.Valid(Topic.of(kind, site, node), message, codec.encode(message),
                clock.millis())));
    }
}
