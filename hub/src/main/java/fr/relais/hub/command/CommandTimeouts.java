package fr.relais.hub.command;

import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives up on commands that had no final reply by their deadline. A late final reply still
 * overrides the timeout (see {@code CommandStatus}); the sweep only says the hub stopped waiting.
 */
public final class CommandTimeouts {
    /** Timeouts are whole seconds; sweeping more often would only cost database turns. */
    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(CommandTimeouts.class);

    private final CommandStore store;
    private final Clock clock;
    private final AtomicBoolean sweeping = new AtomicBoolean();

    public CommandTimeouts(CommandStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Sweeps every {@code period} on a worker thread; returns the Vert.x timer id. */
    public long start(Vertx vertx, Duration period) {
        return vertx.setPeriodic(period.toMillis(), timer -> {
            // While the database makes a sweep wait, the next ticks are skipped, not queued.
            if (sweeping.compareAndSet(false, true)) {
                vertx.executeBlocking(this::sweep).onComplete(done -> {
                    sweeping.set(false);
                    if (done.failed()) {
                        LOG.error("cannot time out overdue commands", done.cause());
                    }
                });
            }
        });
    }

    /** Marks the overdue commands {@code timed-out}; says how many. Blocks on the database. */
    public int sweep() {
        int timedOut = store.timeOut(clock.millis());
        if (timedOut > 0) {
            LOG.info("{} command(s) timed out without a final reply", timedOut);
        }
        return timedOut;
    }
}
