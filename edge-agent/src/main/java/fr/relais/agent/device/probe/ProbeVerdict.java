package fr.relais.agent.device.probe;

import fr.relais.protocol.Health;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The probe's health from its thresholds, with the reasons in French for the dashboard. No target
 * answering at all is critical ("no connectivity") and said alone: the failed name lookups and
 * HTTPS request that follow from it would only bury it.
 *
 * @param problems the reasons, worst first; empty when all is well
 */
record ProbeVerdict(Health health, List<String> problems) {
    ProbeVerdict {
        problems = List.copyOf(problems);
    }

    /** @param lastThroughput the latest throughput test, which counts until the next one */
    static ProbeVerdict judge(ProbeRound round, ProbeThresholds limits, Optional<ThroughputResult> lastThroughput) {
        if (round.targetsUp() == 0) {
            String why = round.targets().get(0).lastFailure().map(failure -> " (" + failure.kind().french() + ")")
                    .orElse("");
            String none = round.targets().size() == 1 ? "la cible ne répond pas"
                    : "aucune des " + round.targets().size() + " cibles ne répond";
            return new ProbeVerdict(Health.CRITICAL, List.of("aucune connectivité : " + none + why));
        }
        List<String> critical = new ArrayList<>();
        List<String> warning = new ArrayList<>();
        double loss = round.lossPercent();
        if (loss >= limits.lossCriticalPercent()) {
            critical.add("perte de " + ProbeText.percent(loss) + " des connexions (seuil critique "
                    + ProbeText.percent(limits.lossCriticalPercent()) + ")");
        } else if (loss >= limits.lossWarningPercent()) {
            warning.add("perte de " + ProbeText.percent(loss) + " des connexions (seuil "
                    + ProbeText.percent(limits.lossWarningPercent()) + ")");
        }
        double median = round.medianMillis().orElse(0.0);
        if (median >= limits.latencyCriticalMs()) {
            critical.add("latence médiane " + ProbeText.millis(median) + " (seuil critique "
                    + ProbeText.millis(limits.latencyCriticalMs()) + ")");
        } else if (median >= limits.latencyWarningMs()) {
            warning.add("latence médiane " + ProbeText.millis(median) + " (seuil "
                    + ProbeText.millis(limits.latencyWarningMs()) + ")");
        }
        List<String> down = round.targets().stream().filter(target -> !target.reachable())
                .map(target -> target.target().toString()).toList();
        if (!down.isEmpty()) {
            warning.add((down.size() == 1 ? "cible injoignable : " : "cibles injoignables : ") + String.join(", ", down));
        }
        if (!round.dnsFailures().isEmpty()) {
            warning.add("résolution DNS en échec : " + round.dnsFailures().stream().map(Lookup::name)
                    .collect(Collectors.joining(", ")));
        }
        round.https().flatMap(HttpsResult::failure).ifPresent(failure -> warning.add(
                failure.kind() == FailureKind.CERTIFICATE ? "certificat HTTPS du hub refusé"
                        : "le hub ne répond pas en HTTPS (" + failure.kind().french() + ")"));
        lastThroughput.filter(ThroughputResult::whole).flatMap(ThroughputResult::mbps).ifPresent(mbps ->
                limits.throughputWarningMbps().filter(limit -> mbps < limit).ifPresent(limit -> warning.add(
                        "débit " + ProbeText.mbps(mbps) + " (seuil " + ProbeText.mbps(limit) + ")")));
        List<String> problems = new ArrayList<>(critical);
        problems.addAll(warning);
        Health health = !critical.isEmpty() ? Health.CRITICAL : !warning.isEmpty() ? Health.WARNING : Health.OK;
        return new ProbeVerdict(health, problems);
    }

    /** The reasons as one text, or empty when all is well. */
    Optional<String> problem() {
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join(" ; ", problems));
    }
}
