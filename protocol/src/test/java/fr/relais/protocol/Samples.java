package fr.relais.protocol;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** One valid message of each kind, as an agent of the territory would send it. */
final class Samples {
    static final String SITE = "montcornet";
    static final String NODE = "montcornet-pi";
    static final Instant TS = Instant.parse("2026-11-28T09:30:00.125Z");

    private Samples() {
    }

    static Envelope envelope(long seq) {
        return new Envelope(UUID.fromString("0190f5c2-7a2b-7cde-8f00-000000000001"), seq, TS, ClockConfidence.SYNCED);
    }

    static Birth birth() {
        return new Birth(envelope(0), 7, new Birth.SiteInfo("Tiers-lieu numérique de Montcornet", SiteKind.MEDIATION),
                new Birth.AgentInfo("0.1.0", "sha256:abc"),
                List.of(new Birth.DeviceInfo("printer-accueil", DeviceKind.PRINTER, "Imprimante de l'accueil", true),
                        new Birth.DeviceInfo("probe-adsl", DeviceKind.PROBE, "Sonde ADSL", false)));
    }

    static Telemetry telemetry() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("tonerPercent", 42L);
        metrics.put("latencyMs", 38.5);
        metrics.put("paperOut", false);
        metrics.put("model", "HP LaserJet");
        return new Telemetry(envelope(12), Optional.of("printer-accueil"), Health.OK, metrics);
    }

    static Event event() {
        return new Event(envelope(13), Optional.of("printer-accueil"), "paper-out", Severity.WARNING,
                "Bac 2 vide", Map.of("tray", 2L));
    }

    static Command command() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("reason", "test");
        args.put("nested", Map.of("list", List.of(1L, 2.5, "x", true)));
        return new Command("ping", UUID.fromString("0190f5c2-7a2b-7cde-8f00-00000000000a"), TS,
                Optional.of(TS.plusSeconds(60)), args);
    }

    static Reply reply() {
        return new Reply(envelope(14), command().requestId(), "ping", ReplyStatus.OK, "", Map.of("pong", true));
    }
}
