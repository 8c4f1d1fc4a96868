package fr.relais.agent.device;

import fr.relais.agent.device.badge.BadgeHasher;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/** What the node offers its drivers. One per node runtime. */
public interface DriverContext {
    String node();

    String site();

    /** The wall clock (a test may move it). */
    Clock clock();

    /**
     * Keyed hashing of badge numbers for this site. Only drivers whose factory says
     * {@link DriverFactory#readsBadges()} may call it; the configuration loader made sure a key
     * exists for them.
     */
    BadgeHasher badges();

    /** A small shared scheduler for drivers' timers (inter-bit timeouts, held-open doors). */
    ScheduledExecutorService timers();

    /**
     * One instance of {@code type} for the whole runtime, opened on first use (the Pi4J context
     * owning the GPIO chip) and closed after every device when the runtime stops. A test may
     * provide its own instance through {@link DriverRegistry#provide}.
     */
    <T extends AutoCloseable> T shared(Class<T> type, Supplier<T> opener);

    /**
     * Whether the outbox is replaying a backlog: bulky optional work (a throughput test on a weak
     * line) should wait.
     */
    boolean replayingBacklog();
}
