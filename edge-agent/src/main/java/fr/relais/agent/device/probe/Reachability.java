package fr.relais.agent.device.probe;

import fr.relais.agent.device.DeviceEvent;
import fr.relais.protocol.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tells when a target stops answering and when it answers again, as events: the hub keeps when
 * the link went down and for how long, even if the node could only say so afterwards. A state
 * changes after {@link #CONFIRMING_POLLS} polls in a row agree, so one unlucky poll on the van's
 * 4G between two villages does not send a pair of events. A target is taken as reachable until
 * shown otherwise: one that never answers since the agent started is reported too.
 */
final class Reachability {
    static final int CONFIRMING_POLLS = 2;

    private final Map<TcpTarget, Tracked> targets = new HashMap<>();

    /** The events of this poll's results, if any state changed. */
    synchronized List<DeviceEvent> update(List<TargetResult> results, LinkInterface link) {
        List<DeviceEvent> events = new ArrayList<>();
        for (TargetResult result : results) {
            Tracked tracked = targets.computeIfAbsent(result.target(), target -> new Tracked());
            if (result.reachable() == tracked.reachable) {
                tracked.disagreeing = 0;
                continue;
            }
            if (++tracked.disagreeing < CONFIRMING_POLLS) {
                continue;
            }
            tracked.reachable = result.reachable();
            tracked.disagreeing = 0;
            events.add(result.reachable() ? back(result, link) : lost(result, link));
        }
        return events;
    }

    private static DeviceEvent lost(TargetResult result, LinkInterface link) {
        String why = result.lastFailure().map(failure -> " (" + failure.kind().french() + ")").orElse("");
        Map<String, Object> data = data(result, link);
        result.lastFailure().ifPresent(failure -> data.put("error", failure.kind().wire()));
        return new DeviceEvent("target-unreachable", Severity.WARNING, "La cible " + result.target()
                + " ne répond plus depuis " + CONFIRMING_POLLS + " mesures" + why, data);
    }

    private static DeviceEvent back(TargetResult result, LinkInterface link) {
        Map<String, Object> data = data(result, link);
        String median = result.median().map(ms -> " (médiane " + ProbeText.millis(ms) + ")").orElse("");
        result.median().ifPresent(ms -> data.put("latencyMedianMs", ms));
        return new DeviceEvent("target-reachable", Severity.INFO, "La cible " + result.target()
                + " répond de nouveau" + median, data);
    }

    private static Map<String, Object> data(TargetResult result, LinkInterface link) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("target", result.target().toString());
        data.put("sent", (long) result.sent());
        data.put("received", (long) result.received());
        link.name().ifPresent(name -> data.put("interface", name));
        return data;
    }

    /** One target's state; guarded by the tracker's lock. */
    private static final class Tracked {
        boolean reachable = true;
        int disagreeing;
    }
}
