package fr.relais.agent.device.probe;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The flat metrics of one poll (edge-agent/README.md, "Connectivity probe", lists them). A figure
 * that was not measured this time is absent rather than zero: no latency when nothing answered,
 * no throughput between two tests.
 */
final class ProbeMetrics {
    /** The dashboard shows metrics as they are; a long text would not fit there anyway. */
    private static final int MAX_PROBLEM = 500;

    private ProbeMetrics() {
    }

    static Map<String, Object> of(ProbeRound round, ProbeSettings settings, ProbeVerdict verdict) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("link", settings.link().wire());
        round.link().name().ifPresent(name -> metrics.put("interface", name));
        metrics.put("interfaceKind", round.link().kind().wire());
        round.link().state().ifPresent(state -> metrics.put("interfaceState", state));
        metrics.put("targets", (long) round.targets().size());
        metrics.put("targetsUp", round.targetsUp());
        metrics.put("sent", (long) round.sent());
        metrics.put("received", (long) round.received());
        metrics.put("lossPercent", round.lossPercent());
        round.minMillis().ifPresent(ms -> metrics.put("latencyMinMs", ms));
        round.medianMillis().ifPresent(ms -> metrics.put("latencyMedianMs", ms));
        round.maxMillis().ifPresent(ms -> metrics.put("latencyMaxMs", ms));
        if (!round.dns().isEmpty()) {
            round.dnsMillis().ifPresent(ms -> metrics.put("dnsMs", ms));
            metrics.put("dnsFailed", (long) round.dnsFailures().size());
        }
        round.https().ifPresent(https -> {
            https.firstByteMillis().ifPresent(ms -> metrics.put("httpsTtfbMs", ms));
            https.status().ifPresent(status -> metrics.put("httpsStatus", (long) status));
            https.failure().ifPresent(failure -> metrics.put("httpsError", failure.kind().wire()));
        });
        round.throughput().ifPresent(result -> throughput(result, metrics));
        round.throughputSkipped().ifPresent(reason -> metrics.put("throughputSkipped", reason));
        verdict.problem().ifPresent(problem -> metrics.put("problem",
                problem.length() <= MAX_PROBLEM ? problem : problem.substring(0, MAX_PROBLEM) + "…"));
        return metrics;
    }

    static void throughput(ThroughputResult result, Map<String, Object> into) {
        result.mbps().ifPresent(mbps -> into.put("throughputMbps", mbps));
        into.put("throughputBytes", result.bytes());
        into.put("throughputSeconds", Elapsed.round2(result.seconds()));
        into.put("throughputEnding", result.ending().wire());
        result.failure().ifPresent(failure -> into.put("throughputError", failure.kind().wire()));
    }
}
