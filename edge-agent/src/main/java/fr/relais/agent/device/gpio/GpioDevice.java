package fr.relais.agent.device.gpio;

import fr.relais.agent.config.DeviceConfig;
import fr.relais.agent.device.Device;
import fr.relais.agent.device.DeviceEvent;
import fr.relais.agent.device.DeviceException;
import fr.relais.agent.device.DeviceSink;
import fr.relais.agent.device.DriverContext;
import fr.relais.agent.device.Reading;
import fr.relais.protocol.Birth;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Supplier;

/**
 * What every GPIO device shares: its lines taken from the runtime's {@link GpioBoard} at open
 * (all given back if one is missing, and at close), a tick on the runtime's timer thread for what
 * depends on time (a door held open, a room left empty, the daily reset), and pushing to the
 * device's sink.
 */
abstract class GpioDevice implements Device {
    /** How often time-driven states are checked: fine enough for thresholds of seconds. */
    static final Duration TICK = Duration.ofMillis(500);

    protected final DeviceConfig config;
    protected final Clock clock;
    protected final Timers timers;
    private final DriverContext context;
    private final Birth.DeviceInfo info;
    private volatile DeviceSink sink = DeviceSink.NONE;
    /** Keeps pushes in the order of the changes they report; never taken while the device's lock is held. */
    private final Object pushOrder = new Object();
    private Wiring wiring;
    private Optional<ScheduledFuture<?>> ticks = Optional.empty();

    GpioDevice(DeviceConfig config, DriverContext context) {
        this.config = config;
        this.context = context;
        this.clock = context.clock();
        this.timers = new Timers(context.timers());
        this.info = new Birth.DeviceInfo(config.id(), config.kind(), config.name(), false);
    }

    @Override
    public final Birth.DeviceInfo info() {
        return info;
    }

    @Override
    public final void open(DeviceSink sink) throws DeviceException {
        GpioBoard board = context.shared(GpioBoard.class, GpioBoard::onThePi);
        Wiring taken = board.wiring(config.id());
        this.sink = sink;
        try {
            attach(taken);
        } catch (DeviceException | RuntimeException e) {
            detach();
            taken.close();
            this.sink = DeviceSink.NONE;
            throw e;
        }
        wiring = taken;
        ticks = timers.every(TICK, config.id() + " tick", () -> tick(clock.instant()));
    }

    /** Takes the device's lines from {@code wiring} and starts listening to them. */
    protected abstract void attach(Wiring wiring) throws DeviceException;

    /** Stops what {@link #attach} started, even if it stopped half-way; must not throw. */
    protected abstract void detach();

    /** Time-driven checks, at every tick and before every reading. */
    protected void tick(Instant now) {
    }

    /** The reading now (ticks were run just before). */
    protected abstract Reading reading(Instant now);

    /**
     * Reads at the clock's time now rather than at {@code polledAt}, which the node's thread took
     * before the read waited its turn: a tick on the timer thread may have run since.
     */
    @Override
    public final Reading read(Instant polledAt) {
        Instant now = clock.instant();
        tick(now);
        return reading(now);
    }

    /** Pushes a new state, with what just happened, without waiting for the next poll. */
    protected final void push(Reading reading) {
        sink.reading(reading);
    }

    protected final void push(DeviceEvent event) {
        sink.event(event);
    }

    /**
     * Applies a change under the device's lock and pushes the reading it returns once that lock
     * is released: a push may block (the outbox falling behind), and a door must still grant and
     * relock meanwhile. Call it without holding the device's lock.
     */
    protected final void pushAfter(Supplier<Optional<Reading>> change) {
        synchronized (pushOrder) {
            Optional<Reading> changed;
            synchronized (this) {
                changed = change.get();
            }
            changed.ifPresent(this::push);
        }
    }

    protected static Reading withEvents(Reading reading, List<DeviceEvent> events) {
        return new Reading(reading.health(), reading.metrics(), events);
    }

    @Override
    public final void close() {
        Timers.cancel(ticks);
        detach();
        if (wiring != null) {
            wiring.close();
            wiring = null;
        }
        sink = DeviceSink.NONE;
    }
}
