package fr.relais.agent.simulation;

import fr.relais.agent.outbox.MessageEmitter;
import fr.relais.agent.uplink.Envelopes;
import fr.relais.protocol.Health;
import fr.relais.protocol.Telemetry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A burst of synthetic telemetry for benchmarks and crash tests, never for a real place: the
 * node's own telemetry, marked {@code simulatedBurst}, stored through the same outbox as every
 * real message. Reports how long storing took.
 */
public final class Burst {
    /** What the burst did: how many messages were stored (and refused), and how long it took. */
    public record Result(long messages, long refused, long nanos) {
        public double perSecond() {
            return nanos == 0 ? 0 : messages * 1e9 / nanos;
        }
    }

    private Burst() {
    }

    /** Stores {@code count} messages and returns once every one is committed. */
    public static Result store(MessageEmitter emitter, Envelopes envelopes, long count)
            throws InterruptedException {
        long start = System.nanoTime();
        CompletableFuture<Void> last = CompletableFuture.completedFuture(null);
        AtomicLong refused = new AtomicLong();
        for (long i = 0; i < count; i++) {
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("simulatedBurst", i);
            metrics.put("tonerPercent", 40 + i % 60);
            metrics.put("pagesPrinted", 1_000 + i);
            metrics.put("state", i % 3 == 0 ? "printing" : "idle");
            // The outbox's bounded queue paces this loop to the speed of the disk.
            last = emitter.emit(new Telemetry(envelopes.next(), Optional.empty(), Health.OK, metrics))
                    .whenComplete((stored, failure) -> {
                        if (failure != null) {
                            refused.incrementAndGet();
                        }
                    });
        }
        // Commits happen in order: once the last message is settled, all are.
        try {
            last.get();
        } catch (ExecutionException e) {
            // Counted in refused, like any other.
        }
        return new Result(count - refused.get(), refused.get(), System.nanoTime() - start);
    }
}
