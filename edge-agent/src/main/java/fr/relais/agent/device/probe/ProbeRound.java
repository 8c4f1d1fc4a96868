package fr.relais.agent.device.probe;

import java.util.List;
import java.util.Optional;

/**
 * Everything one poll measured.
 *
 * @param dns               the configured names only (not the targets' own names)
 * @param throughputSkipped why a due throughput test did not run ({@code replaying-backlog})
 */
record ProbeRound(List<TargetResult> targets, List<Lookup> dns, Optional<HttpsResult> https, LinkInterface link,
                  Optional<ThroughputResult> throughput, Optional<String> throughputSkipped) {
    static final String SKIPPED_FOR_BACKLOG = "replaying-backlog";

    ProbeRound {
        targets = List.copyOf(targets);
        dns = List.copyOf(dns);
    }

    int sent() {
        return targets.stream().mapToInt(TargetResult::sent).sum();
    }

    int received() {
        return targets.stream().mapToInt(TargetResult::received).sum();
    }

    /**
     * The line's loss: over the targets that answered at least once, since a target that answers
     * none (a stopped service, a refused port) says nothing of the line and is counted apart
     * ({@link #targetsUp}); 100 when none answers.
     */
    double lossPercent() {
        List<TargetResult> answering = targets.stream().filter(TargetResult::reachable).toList();
        if (answering.isEmpty()) {
            return 100.0;
        }
        return TargetResult.lossPercent(answering.stream().mapToInt(TargetResult::sent).sum(),
                answering.stream().mapToInt(TargetResult::received).sum());
    }

    long targetsUp() {
        return targets.stream().filter(TargetResult::reachable).count();
    }

    /** Every accepted connection of the poll, all targets together. */
    List<Double> millis() {
        return targets.stream().flatMap(target -> target.millis().stream()).toList();
    }

    Optional<Double> minMillis() {
        return millis().stream().min(Double::compare);
    }

    Optional<Double> medianMillis() {
        return TargetResult.median(millis());
    }

    Optional<Double> maxMillis() {
        return millis().stream().max(Double::compare);
    }

    /** The median of the names that resolved. */
    Optional<Double> dnsMillis() {
        return TargetResult.median(dns.stream().flatMap(lookup -> lookup.millis().stream()).toList());
    }

    List<Lookup> dnsFailures() {
        return dns.stream().filter(lookup -> !lookup.succeeded()).toList();
    }
}
