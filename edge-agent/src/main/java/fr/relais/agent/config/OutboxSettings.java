package fr.relais.agent.config;

import fr.relais.agent.outbox.OutboxLimits;

/**
 * The outbox's bounds and the replay pace.
 *
 * @param replayRatePerSecond messages per second at most when the link comes back; the default
 *                            is fast, and a slow shared uplink can be spared by lowering it
 */
public record OutboxSettings(OutboxLimits limits, double replayRatePerSecond) {
    public static final double DEFAULT_REPLAY_RATE = 50_000;

    public static OutboxSettings defaults() {
        return new OutboxSettings(OutboxLimits.defaults(), DEFAULT_REPLAY_RATE);
    }
}
