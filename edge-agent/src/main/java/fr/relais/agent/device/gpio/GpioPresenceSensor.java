package fr.relais.agent.device.gpio;

import fr.relais.agent.config.DeviceConfig;
import fr.relais.agent.device.DeviceEvent;
import fr.relais.agent.device.DeviceException;
import fr.relais.agent.device.DriverContext;
import fr.relais.agent.device.Reading;
import fr.relais.protocol.Health;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A room's PIR sensor: occupied or free, pushed as soon as it changes. */
final class GpioPresenceSensor extends GpioDevice {
    private final PresenceSettings settings;
    private final Occupancy occupancy;
    private SettledInput pir;

    GpioPresenceSensor(DeviceConfig config, PresenceSettings settings, DriverContext context) {
        super(config, context);
        this.settings = settings;
        this.occupancy = new Occupancy(settings.room().orElse(config.name()), settings.hold(), clock.instant());
    }

    @Override
    protected void attach(Wiring wiring) throws DeviceException {
        pir = new SettledInput(wiring.input("pir", settings.pir()), settings.debounce(), clock, timers);
        pir.start((active, since) -> motion(active));
        if (pir.active()) {
            motion(true);
        }
    }

    @Override
    protected void detach() {
        if (pir != null) {
            pir.stop();
        }
    }

    private void motion(boolean active) {
        Instant now = clock.instant();
        pushAfter(() -> changed(occupancy.motion(active, now), now));
    }

    @Override
    protected void tick(Instant now) {
        pushAfter(() -> changed(occupancy.tick(now), now));
    }

    private Optional<Reading> changed(Optional<DeviceEvent> change, Instant now) {
        return change.map(event -> withEvents(reading(now), List.of(event)));
    }

    @Override
    protected synchronized Reading reading(Instant now) {
        return Reading.of(Health.OK, occupancy.metrics());
    }
}
