package fr.relais.agent.device;

import fr.relais.agent.config.DeviceConfig;
import fr.relais.protocol.Health;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One device at run time: its own thread, where it is opened, read, acted upon and closed. The
 * node's thread only asks for a poll ({@link #poll}) and never waits for the device: a read still
 * running after the device's read timeout is interrupted and the device reported {@code unknown}
 * with the reason, and no second read is started while one hangs. So one slow IPP request never
 * delays the systemd watchdog's answer.
 */
final class DeviceSlot implements DeviceSink {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceSlot.class);

    private final Device device;
    private final DeviceConfig config;
    private final DeviceReports reports;
    private final Clock clock;
    private final ExecutorService thread;
    private final AtomicLong failures;
    private final String id;
    private volatile boolean open;
    private volatile String openProblem = "";
    private volatile boolean closed;
    private Future<?> inFlight;
    private Instant inFlightSince;
    private boolean reportedOverrun;

    DeviceSlot(Device device, DeviceConfig config, DeviceReports reports, Clock clock, AtomicLong failures) {
        this.device = device;
        this.config = config;
        this.reports = reports;
        this.clock = clock;
        this.failures = failures;
        this.id = config.id();
        this.thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, "device-" + config.id());
            t.setDaemon(true);
            return t;
        });
    }

    Device device() {
        return device;
    }

    DeviceConfig config() {
        return config;
    }

    /** Opens the device on its thread now, so event-driven devices listen from the start. */
    void start() {
        submit(this::ensureOpen);
    }

    /** Called on the node's thread at the device's interval; returns at once. */
    synchronized void poll() {
        Instant now = clock.instant();
        if (inFlight != null && !inFlight.isDone()) {
            if (!reportedOverrun && Duration.between(inFlightSince, now).compareTo(config.readTimeout()) > 0) {
                reportedOverrun = true;
                failures.incrementAndGet();
                inFlight.cancel(true);
                LOG.warn("{}: no answer within {} s, read abandoned", id, config.readTimeout().toSeconds());
                reports.reading(id, problem(Health.UNKNOWN,
                        "no answer within " + config.readTimeout().toSeconds() + " s (read timed out)"));
            }
            return;
        }
        reportedOverrun = false;
        inFlightSince = now;
        inFlight = submit(() -> readOnce(now));
    }

    /** Runs {@code task} on the device's thread and waits at most {@code timeout} for it. */
    <T> T call(java.util.concurrent.Callable<T> task, Duration timeout) throws Exception {
        Future<T> future = thread.submit(task);
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            future.cancel(true);
            throw e;
        }
    }

    boolean isOpen() {
        return open;
    }

    String openProblem() {
        return openProblem;
    }

    private void readOnce(Instant now) {
        if (!ensureOpen()) {
            reports.reading(id, problem(Health.CRITICAL, openProblem));
            return;
        }
        Reading reading;
        try {
            reading = device.read(now);
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            failures.incrementAndGet();
            LOG.warn("{}: reading failed", id, e);
            reading = problem(Health.UNKNOWN, String.valueOf(e.getMessage()));
        }
        if (!Thread.currentThread().isInterrupted()) {
            deliver(reading);
        }
    }

    /** Opens the device if it is not; on failure the reason is kept for its health. */
    private boolean ensureOpen() {
        if (open || closed) {
            return open;
        }
        try {
            device.open(this);
            open = true;
            openProblem = "";
            LOG.info("{}: opened ({})", id, config.driver());
        } catch (DeviceException | RuntimeException e) {
            String problem = "cannot open: " + e.getMessage();
            if (!problem.equals(openProblem)) {
                LOG.warn("{}: {}", id, problem);
            }
            openProblem = problem;
        }
        return open;
    }

    private Future<?> submit(Runnable task) {
        try {
            return thread.submit(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
    }

    private void deliver(Reading reading) {
        reports.reading(id, reading);
        reading.events().forEach(event -> reports.event(id, event));
    }

    private static Reading problem(Health health, String reason) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("error", reason);
        return Reading.of(health, metrics);
    }

    @Override
    public void event(DeviceEvent event) {
        if (!closed) {
            reports.event(id, event);
        }
    }

    @Override
    public void reading(Reading reading) {
        if (!closed) {
            deliver(reading);
        }
    }

    /** Closes the device on its own thread (waiting at most 5 s), then stops that thread. */
    void close() {
        synchronized (this) {
            if (inFlight != null) {
                inFlight.cancel(true);
            }
        }
        Future<?> closing = submit(() -> {
            closed = true;
            if (open) {
                try {
                    device.close();
                } catch (RuntimeException e) {
                    LOG.warn("{}: closing failed: {}", id, e.toString());
                }
                open = false;
            }
        });
        try {
            closing.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("{}: did not close within 5 s", id);
        }
        closed = true;
        thread.shutdownNow();
    }
}
