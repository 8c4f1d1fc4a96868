package fr.relais.hub;

import fr.relais.protocol.Birth;
import fr.relais.protocol.ClockConfidence;
import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.Envelope;
import fr.relais.protocol.Event;
import fr.relais.protocol.Health;
import fr.relais.protocol.MessageIds;
import fr.relais.protocol.NodeState;
import fr.relais.protocol.Presence;
import fr.relais.protocol.Severity;
import fr.relais.protocol.SiteKind;
import fr.relais.protocol.Telemetry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Messages of one node of the territory, as the hub tests need them. */
public final class Messages {
    public static final String SITE = "dizy-le-gros";
    public static final String NODE = "dizy-le-gros-pi";
    public static final Instant TS = Instant.parse("2026-11-28T09:00:00Z");

    private Messages() {
    }

    public static Envelope envelope(long seq) {
        return new Envelope(MessageIds.next(), seq, TS.plusSeconds(seq), ClockConfidence.SYNCED);
    }

    public static NodeState state(Presence presence, long bdSeq) {
        return new NodeState(presence, bdSeq, TS);
    }

    public static Birth birth(long seq, long bdSeq, String... deviceIds) {
        List<Birth.DeviceInfo> devices = java.util.Arrays.stream(deviceIds)
                .map(id -> new Birth.DeviceInfo(id, id.startsWith("printer") ? DeviceKind.PRINTER : DeviceKind.PROBE,
                        "Appareil " + id, false))
                .toList();
        return new Birth(envelope(seq), bdSeq, new Birth.SiteInfo("Tiers-lieu numérique de Dizy-le-Gros",
                SiteKind.MEDIATION), new Birth.AgentInfo("1.0", "sha256:1"), devices);
    }

    public static Telemetry telemetry(long seq, String device, Health health, long toner) {
        return new Telemetry(envelope(seq), Optional.of(device), health, Map.of("tonerPercent", toner));
    }

    public static Event event(long seq, String device) {
        return new Event(envelope(seq), Optional.of(device), "paper-out", Severity.WARNING, "Plus de papier", Map.of());
    }
}
