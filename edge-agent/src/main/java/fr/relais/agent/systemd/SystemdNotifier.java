package fr.relais.agent.systemd;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells systemd how the agent is: {@code READY=1} once its nodes run (the unit is
 * {@code Type=notify}, so units ordered after it wait for a running agent, not a starting JVM),
 * {@code WATCHDOG=1} while it is healthy, and {@code STOPPING=1} when it shuts down. Outside
 * systemd (no {@code NOTIFY_SOCKET}: demo, tests, benchmark) it does nothing at all.
 *
 * <p>Start it after every node has started; close it first in the shutdown hook, so systemd
 * knows the stop is wanted before the nodes take their time to say goodbye.
 */
public final class SystemdNotifier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SystemdNotifier.class);
    /** Found on the PATH; /usr/bin/systemd-notify on Raspberry Pi OS. */
    public static final String DEFAULT_PROGRAM = "systemd-notify";
    static final String READY = "READY=1";
    static final String STOPPING = "STOPPING=1";

    private final NotifyEnvironment environment;
    private final Optional<NotifyCommand> notify;
    private final BooleanSupplier healthy;
    private boolean started;
    private boolean closed;
    private Watchdog watchdog;

    private SystemdNotifier(NotifyEnvironment environment, String program, BooleanSupplier healthy) {
        this.environment = environment;
        this.notify = environment.socket().map(socket -> new NotifyCommand(program, socket,
                ProcessHandle.current().pid()));
        this.healthy = healthy;
    }

    /** For the agent: this process's environment and {@value #DEFAULT_PROGRAM}. */
    public static SystemdNotifier create(BooleanSupplier healthy) {
        return create(System.getenv(), DEFAULT_PROGRAM, healthy);
    }

    /**
     * @param environment where {@code NOTIFY_SOCKET}, {@code WATCHDOG_USEC} and {@code WATCHDOG_PID} are read
     * @param program     the systemd-notify program, a name on the PATH or a path
     * @param healthy     whether the agent deserves the next watchdog ping; called on the watchdog thread
     */
    public static SystemdNotifier create(Map<String, String> environment, String program, BooleanSupplier healthy) {
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(healthy, "healthy");
        return new SystemdNotifier(NotifyEnvironment.read(environment, ProcessHandle.current().pid()), program,
                healthy);
    }

    /** Whether this process runs under systemd and will notify it. */
    public boolean enabled() {
        return notify.isPresent();
    }

    /**
     * Says {@code READY=1} and starts the watchdog pings if systemd asked for them. Once only.
     * Synchronized with {@link #close()}: a shutdown hook racing the start must not leave pings
     * running after {@code STOPPING=1}.
     */
    public synchronized void start() {
        if (notify.isEmpty() || closed || started) {
            return;
        }
        started = true;
        if (notify.get().send(READY)) {
            LOG.info("told systemd that the agent is ready");
        }
        Optional<Duration> interval = environment.pingInterval();
        if (interval.isPresent()) {
            watchdog = new Watchdog(notify.get(), interval.get(), healthy);
            watchdog.start();
        } else {
            LOG.info("systemd asks for no watchdog pings (no WatchdogSec in the unit)");
        }
    }

    /** Stops the pings and says {@code STOPPING=1}. Safe to call more than once, or before start. */
    @Override
    public synchronized void close() {
        if (notify.isEmpty() || closed) {
            return;
        }
        closed = true;
        if (watchdog != null) {
            watchdog.close();
        }
        notify.get().send(STOPPING);
    }
}
