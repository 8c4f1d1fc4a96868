package fr.relais.hub.registry;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * When a node that says it is online is nonetheless taken as gone: a Pi whose 4G or ADSL died
 * keeps its "online" state on the broker until the keep-alive runs out, and a hung agent may
 * never lose it. Not heard from (no message of any kind) for longer than {@code timeout}, it is
 * silent, and counts as offline for the API and the alert rules.
 */
public record NodeSilence(Duration timeout, Clock clock) {
    /**
     * Three of the 60-second telemetry intervals provisioning renders for a real node (one report
     * lost or late is not silence), and more than the 45 s a broker takes to give up on a dead
     * keep-alive. Keep it above three intervals if nodes report less often.
     */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(180);

    public NodeSilence {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(clock, "clock");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the silence timeout must be positive, got " + timeout);
        }
    }

    /** Whether a node last heard at {@code lastHeard} (epoch ms, null if never) is silent now. */
    public boolean silent(Long lastHeard) {
        return lastHeard != null && clock.millis() - lastHeard > timeout.toMillis();
    }

    /** The latest of a node's times (last message, last state, last birth), ignoring nulls. */
    public static Long latest(Long... times) {
        Long latest = null;
        for (Long time : times) {
            if (time != null && (latest == null || time > latest)) {
                latest = time;
            }
        }
        return latest;
    }
}
