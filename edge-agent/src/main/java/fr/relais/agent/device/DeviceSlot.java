package fr.relais.agent.device;

import fr.relais.agent.config.DeviceConfig;
import fr.relais.protocol.Health;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One device at run time: its own thread, where it is opened, read, acted upon and closed. The
 * node's thread only asks for a poll ({@link #poll}) and never waits for the device: an opening
 * or a read still running after the device's read timeout is interrupted and the device reported
 * with the reason, and nothing else is queued while one hangs. So one slow IPP request never
 * delays the systemd watchdog's answer. Durations are measured on the monotonic clock: a Pi has no
 * battery clock, and NTP stepping the wall clock at boot must not fake (or hide) a hang.
 */
final class DeviceSlot implements DeviceSink {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceSlot.class);
    private static final long CLOSE_WAIT_SECONDS = 5;

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
    /** The last opening or read handed to the device's thread; guarded by this. */
    private Future<?> busy;
    /** Whether that task is executing now (an interrupted one may go on until it returns). */
    private volatile boolean running;
    private long busySinceNanos;
    private String busyWith = "";
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
    synchronized void start() {
        begin("opening", this::ensureOpen);
    }

    /** Called on the node's thread at the device's interval; returns at once. */
    synchronized void poll() {
        if (closed) {
            return;
        }
        if (busy != null && (running || !busy.isDone())) {
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - busySinceNanos);
            if (!reportedOverrun && seconds >= config.readTimeout().toSeconds()) {
                reportedOverrun = true;
                failures.incrementAndGet();
                busy.cancel(true);
                String reason = busyWith.equals("opening")
                        ? "cannot open: no answer within " + config.readTimeout().toSeconds() + " s"
                        : "no answer within " + config.readTimeout().toSeconds() + " s (read timed out)";
                LOG.warn("{}: {}, abandoned", id, reason);
                openProblem = busyWith.equals("opening") ? reason : openProblem;
                report(Reading.of(busyWith.equals("opening") ? Health.CRITICAL : Health.UNKNOWN,
                        Map.of("error", reason)));
            }
            return;
        }
        Instant now = clock.instant();
        begin("reading", () -> readOnce(now));
    }

    /** Runs {@code task} on the device's thread and waits at most {@code timeout} for it. */
    <T> T call(Callable<T> task, java.time.Duration timeout) throws Exception {
        Future<T> future = thread.submit(task);
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw e;
        }
    }

    boolean isOpen() {
        return open;
    }

    String openProblem() {
        return openProblem.isEmpty() ? "it is being opened" : openProblem;
    }

    /**
     * Hands {@code task} to the device's thread as its one opening or read: the next poll starts
     * another only once this one has returned (cancelled before it started counts as returned).
     */
    private void begin(String what, Runnable task) {
        busySinceNanos = System.nanoTime();
        busyWith = what;
        reportedOverrun = false;
        try {
            busy = thread.submit(() -> {
                running = true;
                try {
                    task.run();
                } finally {
                    running = false;
                }
            });
        } catch (RejectedExecutionException e) {
            busy = null;
        }
    }

    private void readOnce(Instant now) {
        if (closed) {
            return;
        }
        if (!ensureOpen()) {
            report(Reading.of(Health.CRITICAL, Map.of("error", openProblem)));
            return;
        }
        Reading reading;
        try {
            reading = device.read(now);
        } catch (RuntimeException | LinkageError e) {
            if (Thread.currentThread().isInterrupted() || closed) {
                return;
            }
            failures.incrementAndGet();
            LOG.warn("{}: reading failed", id, e);
            reading = Reading.of(Health.UNKNOWN, Map.of("error", String.valueOf(e.getMessage())));
        }
        if (!Thread.currentThread().isInterrupted() && !closed) {
            deliver(reading);
        }
    }

    /** Opens the device if it is not; on failure the reason is kept for its health. */
    private boolean ensureOpen() {
        if (open || closed) {
            return open && !closed;
        }
        try {
            device.open(this);
        } catch (DeviceException | RuntimeException | LinkageError e) {
            String problem = "cannot open: " + e.getMessage();
            if (!problem.equals(openProblem)) {
                LOG.warn("{}: {}", id, problem);
            }
            openProblem = problem;
            return false;
        }
        open = true;
        if (closed) {
            // Closed while it was opening (a set-config): give the hardware back at once.
            closeDevice();
            return false;
        }
        openProblem = "";
        LOG.info("{}: opened ({})", id, config.driver());
        return true;
    }

    private void deliver(Reading reading) {
        try {
            reports.reading(id, reading);
            reading.events().forEach(event -> reports.event(id, event));
        } catch (RuntimeException e) {
            // A reading the contract refuses (a text too long, a bad number): said, never silent.
            failures.incrementAndGet();
            LOG.warn("{}: a reading could not be reported: {}", id, e.toString());
        }
    }

    private void report(Reading reading) {
        deliver(reading);
    }

    @Override
    public void event(DeviceEvent event) {
        if (!closed) {
            try {
                reports.event(id, event);
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                LOG.warn("{}: an event could not be reported: {}", id, e.toString());
            }
        }
    }

    @Override
    public void reading(Reading reading) {
        if (!closed) {
            deliver(reading);
        }
    }

    /**
     * Marks the slot closed (nothing more is reported), interrupts what the device's thread is
     * doing, and closes the device on that thread once it is free, waiting at most 5 s. A device
     * still stuck then is closed by its thread as soon as its task returns.
     */
    void close() {
        Future<?> closing = beginClose();
        try {
            closing.get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            LOG.warn("{}: did not close within {} s; it will be closed when its thread returns", id,
                    CLOSE_WAIT_SECONDS);
        } catch (Exception e) {
            LOG.warn("{}: closing failed: {}", id, e.toString());
        }
    }

    /** The first half of {@link #close}: returns at once, with what to wait for. */
    Future<?> beginClose() {
        synchronized (this) {
            closed = true;
            if (busy != null) {
                busy.cancel(true);
            }
        }
        Future<?> closing;
        try {
            closing = thread.submit(this::closeDevice);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(null);
        }
        // Not shutdownNow: the queued close must still run once the thread is free.
        thread.shutdown();
        return closing;
    }

    /** On the device's thread only, so it never runs alongside an opening or a read. */
    private void closeDevice() {
        if (!open) {
            return;
        }
        try {
            device.close();
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("{}: closing failed: {}", id, e.toString());
        }
        open = false;
    }
}
