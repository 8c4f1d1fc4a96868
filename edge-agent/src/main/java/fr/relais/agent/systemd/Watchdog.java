package fr.relais.agent.systemd;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pings systemd's watchdog while the agent is healthy. A ping proves only that this one thread
 * runs, so each is conditional on the agent's own health check: when the check fails the ping
 * is skipped, and systemd restarts the agent once {@code WatchdogSec} passes without one.
 */
final class Watchdog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);
    static final String PING = "WATCHDOG=1";

    private final NotifyCommand notify;
    private final Duration interval;
    private final BooleanSupplier healthy;
    private final ScheduledExecutorService scheduler;
    private boolean wasHealthy = true;

    Watchdog(NotifyCommand notify, Duration interval, BooleanSupplier healthy) {
        this.notify = notify;
        this.interval = interval;
        this.healthy = healthy;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "systemd-watchdog");
            // Never the reason the JVM stays up.
            thread.setDaemon(true);
            return thread;
        });
    }

    void start() {
        long nanos = interval.toNanos();
        scheduler.scheduleAtFixedRate(this::tick, 0, nanos, TimeUnit.NANOSECONDS);
        LOG.info("systemd watchdog: a ping every {} ms while the agent is healthy", interval.toMillis());
    }

    /** Never throws: an exception would cancel every later ping of the fixed-rate schedule. */
    private void tick() {
        try {
            pingIfHealthy();
        } catch (RuntimeException e) {
            LOG.error("systemd watchdog ping failed", e);
        }
    }

    private void pingIfHealthy() {
        if (isHealthy()) {
            if (!wasHealthy) {
                LOG.info("the agent is healthy again: systemd watchdog pings resume");
            }
            wasHealthy = true;
            notify.send(PING);
        } else {
            wasHealthy = false;
        }
    }

    /** A check that throws counts as unhealthy: an agent that cannot tell is not known to be well. */
    private boolean isHealthy() {
        try {
            if (healthy.getAsBoolean()) {
                return true;
            }
            LOG.warn("the agent's health check failed: watchdog ping skipped; systemd restarts the agent if"
                    + " no ping comes within its WatchdogSec");
        } catch (RuntimeException e) {
            LOG.warn("the agent's health check threw {}: watchdog ping skipped; systemd restarts the agent if"
                    + " no ping comes within its WatchdogSec", e.toString());
        }
        return false;
    }

    /**
     * Stops pinging: later pings are cancelled, one in flight may finish (killing systemd-notify
     * midway would only leave systemd waiting), so that no ping follows the {@code STOPPING=1}.
     */
    @Override
    public void close() {
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(NotifyCommand.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                scheduler.shutdownNow();
                LOG.warn("the systemd watchdog thread did not stop within {} s", NotifyCommand.TIMEOUT.toSeconds());
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
