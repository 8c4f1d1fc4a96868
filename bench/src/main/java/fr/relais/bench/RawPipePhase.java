package fr.relais.bench;

import fr.relais.bench.profile.HubProfile;
import fr.relais.broker.MosquittoProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The same nodes and the same number of readings into a subscriber that keeps nothing: the
 * broker and the MQTT client alone, the ceiling the hub's rate is compared with.
 */
final class RawPipePhase {
    private static final Logger LOG = LoggerFactory.getLogger(RawPipePhase.class);
    /** The subscriber's count is a field read, so it can be polled often for a sharp end time. */
    private static final long POLL_MILLIS = 10;
    /** Latencies kept at most (8 bytes each); a longer run is still counted in full. */
    private static final int MAX_TIMED = 10_000_000;

    private final MosquittoProcess broker;
    private final NodeFleet fleet;
    private final String clientId;
    private final long perNode;
    private final long window;
    private final int threads;
    private final long timeoutNanos;
    private final HubProfile profile;
    private final RawSubscriber.Client client;

    /**
     * @param seconds   from the first reading published to the last one received
     * @param latencies milliseconds from each reading's {@code ts} to its arrival at the subscriber
     */
    record Figures(TelemetryPass.Result pass, long received, double seconds, long[] latencies, Arrivals.Outcome arrivals) {
        double perSecond() {
            return seconds > 0 ? received / seconds : 0;
        }
    }

    /** @param window how far the publishers may be ahead of what the subscriber received */
    /** @param client the bare subscriber's MQTT client: Paho, the reference, or Vert.x MQTT, the hub's */
    RawPipePhase(MosquittoProcess broker, NodeFleet fleet, String clientId, long perNode, long window, int threads,
                 long timeoutNanos, HubProfile profile, RawSubscriber.Client client) {
        this.client = client;
        this.window = window;
        this.profile = profile;
        this.broker = broker;
        this.fleet = fleet;
        this.clientId = clientId;
        this.perNode = perNode;
        this.threads = threads;
        this.timeoutNanos = timeoutNanos;
    }

    Figures run() throws Exception {
        long deadline = System.nanoTime() + timeoutNanos;
        int timed = (int) Math.min(MAX_TIMED, perNode * fleet.size());
        try (RawSubscriber subscriber = new RawSubscriber(client, broker.url(), clientId, timed)) {
            subscriber.start();
            // Announced again, as nodes do on reconnecting: both phases send the same messages.
            fleet.announce();
            // With --profile, the CPU over the same span as the hub phase's recording, for comparison.
            profile.beginRaw();
            HubCpu subscriberBefore = HubCpu.now(clientId);
            // Paced by what the subscriber received, as the hub phase is by what the hub stored:
            // beyond the broker's queue limit for its session, it would lose messages too.
            TelemetryPass.Result pass = fleet.publish(perNode, 1, threads, deadline,
                    new Pacing(subscriber::received, window));
            LOG.info("raw pipe phase: {} readings acknowledged by the broker in {} s", pass.sent(),
                    String.format(java.util.Locale.ROOT, "%.1f", (pass.endNanos() - pass.startNanos()) / 1e9));
            Arrivals.Outcome outcome = Arrivals.await(subscriber::received, pass.sent(), deadline, POLL_MILLIS);
            profile.endRaw(HubCpu.now(clientId).since(subscriberBefore).mqttNanos() / 1e9);
            long end = outcome.count() > 0 ? subscriber.lastReceiptNanos() : outcome.atNanos();
            return new Figures(pass, subscriber.received(), (end - pass.startNanos()) / 1e9, subscriber.latencies(),
                    outcome);
        }
    }
}
