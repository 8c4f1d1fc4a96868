package fr.relais.agent.device;

import fr.relais.agent.command.CommandHandler;
import fr.relais.agent.command.Outcome;
import fr.relais.agent.config.DeviceConfig;
import fr.relais.agent.device.badge.BadgeHasher;
import fr.relais.protocol.Birth;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The devices of one node runtime: made from the configuration through the driver registry,
 * opened and polled each on its own thread, reachable by device-level commands, and all closed
 * (then the shared resources they used, such as the Pi4J context) when the runtime stops.
 */
public final class DeviceSet implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceSet.class);
    private static final long CLOSE_WAIT_SECONDS = 5;
    /**
     * When a device is first polled after the start (sooner if its interval is shorter); its later
     * polls follow at its interval, so devices of equal or multiple intervals are polled together.
     */
    public static final Duration FIRST_POLL = Duration.ofSeconds(1);

    private final List<DeviceSlot> slots = new ArrayList<>();
    private final Context context;
    private final AtomicLong failures = new AtomicLong();

    private DeviceSet(Context context) {
        this.context = context;
    }

    /**
     * Makes every device (no hardware is touched yet). A driver that cannot make its device from
     * a validated configuration is a programming error and fails the runtime's start.
     */
    public static DeviceSet create(String node, String site, List<DeviceConfig> configs, DriverRegistry registry,
                                   Optional<String> badgeKey, DeviceReports reports, Clock clock,
                                   BooleanSupplier replayingBacklog) {
        Context context = new Context(node, site, clock, badgeKey, registry, replayingBacklog);
        DeviceSet set = new DeviceSet(context);
        for (DeviceConfig config : configs) {
            DriverFactory factory = registry.find(config.driver()).orElseThrow(() -> new IllegalArgumentException(
                    "no driver '" + config.driver() + "' for device " + config.id()));
            Device device = factory.create(config, context);
            set.slots.add(new DeviceSlot(device, config, reports, clock, set.failures));
        }
        return set;
    }

    public List<Birth.DeviceInfo> infos() {
        return slots.stream().map(slot -> slot.device().info()).toList();
    }

    /** The device of this id, whatever its state (closed devices ignore what they are asked). */
    public Optional<Device> device(String id) {
        return slots.stream().filter(slot -> slot.config().id().equals(id)).map(DeviceSlot::device).findFirst();
    }

    /** Whether the device of this id is open (it holds its hardware). */
    public boolean isOpen(String id) {
        return slots.stream().anyMatch(slot -> slot.config().id().equals(id) && slot.isOpen());
    }

    public int size() {
        return slots.size();
    }

    /** Reads that failed, overran their timeout, or could not open, since the runtime started. */
    public long failures() {
        return failures.get();
    }

    /** Opens every device and schedules its polls on the node's thread (which never waits). */
    public void start(ScheduledExecutorService nodeThread) {
        start(nodeThread, UnaryOperator.identity());
    }

    /**
     * The same, each poll interval passed through {@code pace} first (a benchmark's accelerated time
     * shortens them: {@code simulation.timeScale}).
     */
    public void start(ScheduledExecutorService nodeThread, UnaryOperator<Duration> pace) {
        for (DeviceSlot slot : slots) {
            slot.start();
            Duration interval = slot.config().pollInterval();
            nodeThread.scheduleAtFixedRate(slot::poll, pace.apply(firstPoll(interval)).toMillis(),
                    pace.apply(interval).toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The delay of the first poll of something read every {@code interval}: {@link #FIRST_POLL} at most. */
    public static Duration firstPoll(Duration interval) {
        return interval.compareTo(FIRST_POLL) < 0 ? interval : FIRST_POLL;
    }

    /**
     * The device-level commands, by name: each one finds its device by {@code args.device} and
     * runs on that device's thread within {@code timeout}.
     */
    public Map<String, CommandHandler> commands(Duration timeout) {
        Map<String, Map<String, DeviceSlot>> byName = new TreeMap<>();
        for (DeviceSlot slot : slots) {
            for (String name : slot.device().actions().keySet()) {
                byName.computeIfAbsent(name, key -> new TreeMap<>()).put(slot.config().id(), slot);
            }
        }
        Map<String, CommandHandler> handlers = new LinkedHashMap<>();
        byName.forEach((name, devices) -> handlers.put(name, command -> {
            Object target = command.args().get("device");
            if (!(target instanceof String deviceId)) {
                return Outcome.rejected(name + " needs args.device, one of " + devices.keySet());
            }
            DeviceSlot slot = devices.get(deviceId);
            if (slot == null) {
                return Outcome.rejected("no device '" + deviceId + "' accepts " + name + " on this node (those that do: "
                        + devices.keySet() + ")");
            }
            if (!slot.isOpen()) {
                return Outcome.failed("device " + deviceId + " is not available: " + slot.openProblem());
            }
            DeviceAction action = slot.device().actions().get(name);
            try {
                return slot.call(() -> action.run(command.args()), timeout);
            } catch (TimeoutException e) {
                return Outcome.failed(name + " on " + deviceId + " did not finish within " + timeout.toSeconds() + " s");
            } catch (Exception e) {
                Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null
                        ? e.getCause() : e;
                LOG.warn("{} on {} failed", name, deviceId, cause);
                return Outcome.failed(name + " on " + deviceId + " failed: " + cause.getMessage());
            }
        }));
        return handlers;
    }

    /** Closes every device, then what they shared; the hardware is free for the next runtime. */
    @Override
    public void close() {
        // All at once: N stuck devices cost 5 s, not N times 5 s (systemd gives a stop 30 s).
        List<java.util.concurrent.Future<?>> closings = slots.stream().map(DeviceSlot::beginClose).toList();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CLOSE_WAIT_SECONDS);
        for (int i = 0; i < closings.size(); i++) {
            try {
                closings.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                LOG.warn("{}: did not close within {} s; it will be closed when its thread returns",
                        slots.get(i).config().id(), CLOSE_WAIT_SECONDS);
            }
        }
        closeShared();
    }

    /** The shared resources (the Pi4J context) on a thread of their own, waited for a bounded time. */
    private void closeShared() {
        Thread closing = new Thread(context::close, "device-shared-close");
        closing.setDaemon(true);
        closing.start();
        try {
            closing.join(TimeUnit.SECONDS.toMillis(CLOSE_WAIT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closing.isAlive()) {
            LOG.warn("the devices' shared resources did not close within {} s", CLOSE_WAIT_SECONDS);
        }
    }

    /** The {@link DriverContext} of this runtime. */
    private static final class Context implements DriverContext {
        private final String node;
        private final String site;
        private final Clock clock;
        private final Optional<BadgeHasher> badges;
        private final DriverRegistry registry;
        private final BooleanSupplier replayingBacklog;
        private final Map<Class<?>, AutoCloseable> shared = new LinkedHashMap<>();
        private ScheduledExecutorService timers;

        Context(String node, String site, Clock clock, Optional<String> badgeKey, DriverRegistry registry,
                BooleanSupplier replayingBacklog) {
            this.node = node;
            this.site = site;
            this.clock = clock;
            this.badges = badgeKey.map(BadgeHasher::new);
            this.registry = registry;
            this.replayingBacklog = replayingBacklog;
        }

        @Override
        public String node() {
            return node;
        }

        @Override
        public String site() {
            return site;
        }

        @Override
        public Clock clock() {
            return clock;
        }

        @Override
        public BadgeHasher badges() {
            return badges.orElseThrow(() -> new IllegalStateException(
                    "no badges.hashKey: the configuration loader requires one for badge readers"));
        }

        @Override
        public synchronized ScheduledExecutorService timers() {
            if (timers == null) {
                timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "device-timers-" + node);
                    thread.setDaemon(true);
                    return thread;
                });
            }
            return timers;
        }

        @Override
        public synchronized <T extends AutoCloseable> T shared(Class<T> type, Supplier<T> opener) {
            AutoCloseable existing = shared.get(type);
            if (existing == null) {
                existing = registry.provided(type).<AutoCloseable>map(Supplier::get).orElseGet(opener);
                shared.put(type, existing);
            }
            return type.cast(existing);
        }

        @Override
        public boolean replayingBacklog() {
            return replayingBacklog.getAsBoolean();
        }

        synchronized void close() {
            if (timers != null) {
                timers.shutdownNow();
            }
            shared.forEach((type, resource) -> {
                try {
                    resource.close();
                } catch (Exception e) {
                    LOG.warn("closing the shared {} failed: {}", type.getSimpleName(), e.toString());
                }
            });
            shared.clear();
        }
    }
}
