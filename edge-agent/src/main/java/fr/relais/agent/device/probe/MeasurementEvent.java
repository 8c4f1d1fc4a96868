package fr.relais.agent.device.probe;

import fr.relais.agent.device.DeviceEvent;
import fr.relais.protocol.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code probe-measurement} event: the full record of the line at one moment, for the hub's
 * map of link quality per commune, in the spirit of a RIPE Atlas result. Sent once per
 * measurement period (with the throughput test when there is one), not at every poll: per target
 * and per minute it would be 4 320 events a day per node on lines where every byte counts, while
 * the per-poll summary already travels as telemetry. Its data is flat (events carry scalars only):
 * {@code target1…}, {@code dns1…} number the targets and names in their configured order.
 */
final class MeasurementEvent {
    static final String TYPE = "probe-measurement";

    private MeasurementEvent() {
    }

    static DeviceEvent of(ProbeRound round, ProbeSettings settings) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("link", settings.link().wire());
        round.link().name().ifPresent(name -> data.put("interface", name));
        data.put("interfaceKind", round.link().kind().wire());
        data.put("sent", (long) round.sent());
        data.put("received", (long) round.received());
        data.put("lossPercent", round.lossPercent());
        round.minMillis().ifPresent(ms -> data.put("latencyMinMs", ms));
        round.medianMillis().ifPresent(ms -> data.put("latencyMedianMs", ms));
        round.maxMillis().ifPresent(ms -> data.put("latencyMaxMs", ms));
        targets(round.targets(), data);
        names(round.dns(), data);
        round.https().ifPresent(https -> {
            https.firstByteMillis().ifPresent(ms -> data.put("httpsTtfbMs", ms));
            https.failure().ifPresent(failure -> data.put("httpsError", failure.kind().wire()));
        });
        round.throughput().ifPresent(result -> {
            ProbeMetrics.throughput(result, data);
            settings.throughput().ifPresent(test -> data.put("throughputHost", test.url().getHost()));
        });
        return new DeviceEvent(TYPE, Severity.INFO, message(round, settings), data);
    }

    private static void targets(List<TargetResult> targets, Map<String, Object> data) {
        for (int i = 0; i < targets.size(); i++) {
            TargetResult target = targets.get(i);
            String key = "target" + (i + 1);
            data.put(key, target.target().toString());
            data.put(key + "Sent", (long) target.sent());
            data.put(key + "Received", (long) target.received());
            target.min().ifPresent(ms -> data.put(key + "MinMs", ms));
            target.median().ifPresent(ms -> data.put(key + "MedianMs", ms));
            target.max().ifPresent(ms -> data.put(key + "MaxMs", ms));
            target.lastFailure().ifPresent(failure -> data.put(key + "Error", failure.kind().wire()));
        }
    }

    private static void names(List<Lookup> lookups, Map<String, Object> data) {
        for (int i = 0; i < lookups.size(); i++) {
            Lookup lookup = lookups.get(i);
            String key = "dns" + (i + 1);
            data.put(key, lookup.name());
            lookup.millis().ifPresent(ms -> data.put(key + "Ms", ms));
            lookup.failure().ifPresent(failure -> data.put(key + "Error", failure.kind().wire()));
        }
    }

    private static String message(ProbeRound round, ProbeSettings settings) {
        StringBuilder text = new StringBuilder("Mesure de la ligne (").append(settings.link().wire());
        round.link().name().ifPresent(name -> text.append(", ").append(name));
        text.append(") : ");
        round.throughput().ifPresent(result -> text.append(result.mbps()
                .map(mbps -> "débit " + ProbeText.mbps(mbps) + " (" + ProbeText.megabytes(result.bytes()) + " en "
                        + ProbeText.seconds(result.seconds()) + ")")
                .orElse("test de débit en échec")).append(result.whole() ? "" : " [" + result.ending().wire() + "]")
                .append(", "));
        text.append(round.medianMillis().map(ms -> "latence médiane " + ProbeText.millis(ms))
                .orElse("aucune cible ne répond"));
        text.append(", perte ").append(ProbeText.percent(round.lossPercent()));
        return text.toString();
    }
}
