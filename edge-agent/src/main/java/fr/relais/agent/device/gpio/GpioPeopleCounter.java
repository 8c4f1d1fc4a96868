package fr.relais.agent.device.gpio;

import fr.relais.agent.config.DeviceConfig;
import fr.relais.agent.device.DeviceEvent;
import fr.relais.agent.device.DeviceException;
import fr.relais.agent.device.DriverContext;
import fr.relais.agent.device.Reading;
import fr.relais.agent.device.gpio.CrossingTracker.Beam;
import fr.relais.protocol.Health;
import fr.relais.protocol.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An entrance counter: two infrared beams a few centimetres apart across the doorway, the outer
 * one on the street side. Each crossing is an event with the running count; the counts start
 * again from zero every day.
 */
final class GpioPeopleCounter extends GpioDevice {
    private static final Logger LOG = LoggerFactory.getLogger(GpioPeopleCounter.class);
    static final String BEAM_BLOCKED = "beam-blocked";

    private final CounterSettings settings;
    private final CrossingTracker tracker;
    private final DailyCount count;
    private SettledInput outer;
    private SettledInput inner;

    GpioPeopleCounter(DeviceConfig config, CounterSettings settings, DriverContext context) {
        super(config, context);
        this.settings = settings;
        this.tracker = new CrossingTracker(settings.crossingTimeout());
        this.count = new DailyCount(settings.resetAt(), settings.timezone(), clock.instant());
    }

    @Override
    protected void attach(Wiring wiring) throws DeviceException {
        InputLine outerLine = wiring.input("outerBeam", settings.outerBeam());
        InputLine innerLine = wiring.input("innerBeam", settings.innerBeam());
        synchronized (this) {
            tracker.start(outerLine.active(), innerLine.active());
        }
        outer = new SettledInput(outerLine, settings.debounce(), clock, timers);
        inner = new SettledInput(innerLine, settings.debounce(), clock, timers);
        outer.start((broken, since) -> beam(Beam.OUTER, broken, since));
        inner.start((broken, since) -> beam(Beam.INNER, broken, since));
    }

    @Override
    protected void detach() {
        if (outer != null) {
            outer.stop();
        }
        if (inner != null) {
            inner.stop();
        }
    }

    private void beam(Beam beam, boolean broken, Instant at) {
        pushAfter(() -> tracker.changed(beam, broken, at).map(this::passed));
    }

    @Override
    protected void tick(Instant now) {
        pushAfter(() -> tracker.tick(now).map(this::passed));
        pushAfter(() -> count.tick(now).map(reset -> withEvents(reading(now), List.of(reset))));
    }

    /** Called under the device's lock: counts the passage, returns the reading to push. */
    private Reading passed(CrossingTracker.Passage passage) {
        Optional<DeviceEvent> event;
        if (passage instanceof CrossingTracker.Crossed crossed) {
            event = Optional.of(crossed.direction() == CrossingTracker.Direction.ENTRY ? count.entry() : count.exit());
        } else {
            String reason = ((CrossingTracker.Refused) passage).reason();
            LOG.debug("{}: sequence of breaks refused: {}", config.id(), reason);
            count.rejected(reason);
            event = reason.equals(CrossingTracker.BEAM_BLOCKED) ? Optional.of(new DeviceEvent(BEAM_BLOCKED,
                    Severity.WARNING, "Faisceau coupé depuis plus de " + settings.crossingTimeout().toSeconds()
                    + " s : passage encombré, capteur masqué ou désaligné ?", Map.of())) : Optional.empty();
        }
        Reading now = reading(clock.instant());
        return event.map(happened -> withEvents(now, List.of(happened))).orElse(now);
    }

    @Override
    protected synchronized Reading reading(Instant now) {
        Map<String, Object> metrics = count.metrics();
        metrics.put(PeopleCounterDriver.BEAM_BLOCKED_METRIC, tracker.blocked());
        return Reading.of(tracker.blocked() ? Health.WARNING : Health.OK, metrics);
    }
}
