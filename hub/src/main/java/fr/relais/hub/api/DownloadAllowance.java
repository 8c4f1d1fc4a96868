package fr.relais.hub.api;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the public throughput-test download may cost the hub's own line: each client (an address,
 * an IPv6 /64, as the login limiter counts them) has a budget of bytes that refills over an hour,
 * and only a few downloads run at once, per client and in all. A site's nodes share one public
 * address behind their box, so the budget is several of their tests; one stranger looping on the
 * route gets {@code 429} after a few hundred megabytes an hour, and eight of them at once cannot
 * take more than eight streams.
 *
 * <p>Counted in this hub's memory: several hubs behind one proxy each count their own.
 */
final class DownloadAllowance {
    static final long BYTES_PER_HOUR = 200_000_000;
    static final int AT_ONCE_PER_CLIENT = 2;
    static final int AT_ONCE_IN_ALL = 8;
    /** A download at its largest, on a slow line, lasts about this long: when to try again after "too many at once". */
    static final Duration BUSY_RETRY = Duration.ofSeconds(30);
    /** Keeps memory bounded whatever addresses come; the least recently seen go first. */
    private static final int MAX_CLIENTS = 20_000;

    /** A download refused: why, and when the same download would be allowed. */
    record Refusal(String reason, Duration retryAfter) {
    }

    private final Clock clock;
    private final long bytesPerHour;
    private final int atOncePerClient;
    private final int atOnceInAll;
    private final Map<String, Budget> clients = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Budget> eldest) {
            return size() > MAX_CLIENTS && eldest.getValue().running == 0;
        }
    };
    private int running;

    DownloadAllowance(Clock clock, long bytesPerHour, int atOncePerClient, int atOnceInAll) {
        this.clock = clock;
        this.bytesPerHour = bytesPerHour;
        this.atOncePerClient = atOncePerClient;
        this.atOnceInAll = atOnceInAll;
    }

    static DownloadAllowance standard(Clock clock) {
        return new DownloadAllowance(clock, BYTES_PER_HOUR, AT_ONCE_PER_CLIENT, AT_ONCE_IN_ALL);
    }

    /**
     * Takes {@code bytes} from {@code client}'s budget and one running download: empty if it may
     * start (then {@link #release} it when it ends, however it ends), else why not, and nothing
     * is taken.
     */
    synchronized Optional<Refusal> take(String client, long bytes) {
        if (running >= atOnceInAll) {
            return Optional.of(new Refusal("the hub already serves " + running + " throughput tests", BUSY_RETRY));
        }
        Budget budget = clients.computeIfAbsent(client, key -> new Budget(bytesPerHour, clock.millis()));
        budget.refill(clock.millis(), bytesPerHour);
        if (budget.running >= atOncePerClient) {
            return Optional.of(new Refusal("this address already runs " + budget.running + " throughput tests",
                    BUSY_RETRY));
        }
        if (budget.bytes < bytes) {
            double missing = bytes - budget.bytes;
            long seconds = (long) Math.ceil(missing * 3600 / bytesPerHour);
            return Optional.of(new Refusal("this address has used its " + bytesPerHour / 1_000_000
                    + " MB of throughput tests for the hour", Duration.ofSeconds(Math.max(1, seconds))));
        }
        budget.bytes -= bytes;
        budget.running++;
        running++;
        return Optional.empty();
    }

    /** A download that was allowed has ended. */
    synchronized void release(String client) {
        running = Math.max(0, running - 1);
        Budget budget = clients.get(client);
        if (budget != null) {
            budget.running = Math.max(0, budget.running - 1);
        }
    }

    /** One client's bytes left and downloads running; guarded by the allowance's lock. */
    private static final class Budget {
        double bytes;
        long refilledAt;
        int running;

        Budget(long bytes, long now) {
            this.bytes = bytes;
            this.refilledAt = now;
        }

        void refill(long now, long perHour) {
            long elapsed = Math.max(0, now - refilledAt);
            bytes = Math.min(perHour, bytes + elapsed * (double) perHour / 3_600_000);
            refilledAt = now;
        }
    }
}
