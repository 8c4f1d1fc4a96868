package fr.relais.agent.device.probe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * One target's connections in one poll: how many were tried, the time of each that was accepted
 * (milliseconds, TCP handshake only: the name was resolved before), and why the last one failed.
 */
record TargetResult(TcpTarget target, int sent, List<Double> millis, Optional<Failure> lastFailure) {
    TargetResult {
        millis = List.copyOf(millis);
        if (millis.size() > sent) {
            throw new IllegalArgumentException("more answers than attempts");
        }
    }

    /** The target could not be tried at all (its name did not resolve): every attempt counts as lost. */
    static TargetResult unreachable(TcpTarget target, int attempts, Failure why) {
        return new TargetResult(target, attempts, List.of(), Optional.of(why));
    }

    int received() {
        return millis.size();
    }

    boolean reachable() {
        return !millis.isEmpty();
    }

    double lossPercent() {
        return lossPercent(sent, received());
    }

    Optional<Double> min() {
        return millis.stream().min(Double::compare);
    }

    Optional<Double> max() {
        return millis.stream().max(Double::compare);
    }

    Optional<Double> median() {
        return median(millis);
    }

    static Optional<Double> median(List<Double> values) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        double median = sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
        return Optional.of(Elapsed.round1(median));
    }

    static double lossPercent(int sent, int received) {
        return sent == 0 ? 0 : Elapsed.round1(100.0 * (sent - received) / sent);
    }
}
