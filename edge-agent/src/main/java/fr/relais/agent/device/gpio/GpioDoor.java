package fr.relais.agent.device.gpio;

import fr.relais.agent.command.Outcome;
import fr.relais.agent.config.DeviceConfig;
import fr.relais.agent.device.DeviceAction;
import fr.relais.agent.device.DeviceEvent;
import fr.relais.agent.device.DeviceException;
import fr.relais.agent.device.DriverContext;
import fr.relais.agent.device.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A door with an electric strike on a relay and a reed contact, optionally an exit button (it
 * releases the strike like a grant) and a status LED and buzzer. The strike is off whenever the
 * device does not hold its lines: fail secure.
 */
final class GpioDoor extends GpioDevice implements DoorStrike, StatusSignals {
    static final String OPEN_DOOR = "open-door";

    private final DoorSettings settings;
    private final DoorWatch watch;
    private volatile Pulse strike;
    private volatile Signals signals;
    private SettledInput contact;
    private SettledInput exitButton;

    GpioDoor(DeviceConfig config, DoorSettings settings, DriverContext context) {
        super(config, context);
        this.settings = settings;
        this.watch = new DoorWatch(settings.requestWindow(), settings.heldOpenAfter());
    }

    @Override
    protected void attach(Wiring wiring) throws DeviceException {
        OutputLine relay = wiring.output("relay", settings.relay());
        InputLine contactLine = wiring.input("contact", settings.contact());
        Optional<InputLine> exitLine = settings.exitButton().isEmpty() ? Optional.empty()
                : Optional.of(wiring.input("exitButton", settings.exitButton().get()));
        Optional<OutputLine> led = settings.led().isEmpty() ? Optional.empty()
                : Optional.of(wiring.output("led", settings.led().get()));
        Optional<OutputLine> buzzer = settings.buzzer().isEmpty() ? Optional.empty()
                : Optional.of(wiring.output("buzzer", settings.buzzer().get()));
        strike = Pulse.onItsOwnThread(relay, config.id());
        signals = new Signals(led, buzzer, timers);
        synchronized (this) {
            // The contact is closed (active) when the door is.
            watch.start(!contactLine.active(), clock.instant());
        }
        contact = new SettledInput(contactLine, settings.debounce(), clock, timers);
        contact.start((closed, since) -> doorMoved(!closed, since));
        if (exitLine.isPresent()) {
            exitButton = new SettledInput(exitLine.get(), settings.debounce(), clock, timers);
            exitButton.start((pressed, since) -> {
                if (pressed) {
                    release(settings.pulse(), DoorWatch.Request.EXIT, since);
                }
            });
        }
    }

    @Override
    protected void detach() {
        if (contact != null) {
            contact.stop();
        }
        if (exitButton != null) {
            exitButton.stop();
        }
        Pulse held = strike;
        strike = null;
        if (held != null) {
            held.stop();
        }
        Signals shown = signals;
        signals = null;
        if (shown != null) {
            shown.stop();
        }
    }

    @Override
    public boolean grant() {
        boolean released = release(settings.pulse(), DoorWatch.Request.GRANT, clock.instant());
        if (released) {
            signal(SignalPattern.GRANTED);
        }
        return released;
    }

    @Override
    public void signal(SignalPattern pattern) {
        Signals shown = signals;
        if (shown != null) {
            shown.play(pattern);
        }
    }

    /** Opens the request window, then releases the strike (in that order: the door may open at once). */
    private boolean release(Duration pulse, DoorWatch.Request request, Instant at) {
        Pulse held = strike;
        if (held == null) {
            return false;
        }
        synchronized (this) {
            watch.requested(request, at);
        }
        return held.start(pulse);
    }

    private void doorMoved(boolean open, Instant at) {
        pushAfter(() -> changed(open ? watch.opened(at) : watch.closed(at), clock.instant()));
    }

    @Override
    protected void tick(Instant now) {
        pushAfter(() -> changed(watch.tick(now), now));
    }

    private Optional<Reading> changed(List<DeviceEvent> events, Instant now) {
        return events.isEmpty() ? Optional.empty() : Optional.of(withEvents(reading(now), events));
    }

    @Override
    protected synchronized Reading reading(Instant now) {
        Pulse held = strike;
        return Reading.of(watch.health(), watch.metrics(held != null && held.active(), now));
    }

    @Override
    public Map<String, DeviceAction> actions() {
        return Map.of(OPEN_DOOR, this::openDoor, SignalAction.NAME, args -> SignalAction.run(() -> signals, args));
    }

    /** The hub's remote opening: a grant like a badge's, with an optional pulse length. */
    private Outcome openDoor(Map<String, Object> args) {
        Optional<Outcome> unknown = ActionArgs.unknown(OPEN_DOOR, args, Set.of("pulseMillis"));
        if (unknown.isPresent()) {
            return unknown.get();
        }
        Duration pulse;
        try {
            pulse = ActionArgs.wholeNumber(args, "pulseMillis", DoorSettings.MIN_PULSE_MILLIS,
                    Math.min(DoorSettings.MAX_PULSE_MILLIS, settings.requestWindow().toMillis())).map(Duration::ofMillis).orElse(settings.pulse());
        } catch (ActionArgs.Rejected e) {
            return e.outcome();
        }
        if (!release(pulse, DoorWatch.Request.GRANT, clock.instant())) {
            return Outcome.failed("the strike relay is not held by this device");
        }
        signal(SignalPattern.GRANTED);
        return Outcome.ok(Map.of("pulseMillis", pulse.toMillis()));
    }
}
