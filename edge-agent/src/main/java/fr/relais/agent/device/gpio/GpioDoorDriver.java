package fr.relais.agent.device.gpio;

import fr.relais.agent.config.DeviceConfig;
import fr.relais.agent.device.Device;
import fr.relais.agent.device.DriverContext;
import fr.relais.agent.device.DriverFactory;
import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.json.FieldException;
import fr.relais.protocol.json.StrictObject;
import java.util.Set;

/** The {@code gpio-door} driver: a strike relay, a door contact, optionally an exit button, a LED, a buzzer. */
public final class GpioDoorDriver implements DriverFactory {
    @Override
    public String driver() {
        return "gpio-door";
    }

    @Override
    public Set<DeviceKind> kinds() {
        return Set.of(DeviceKind.DOOR);
    }

    @Override
    public Object settings(StrictObject device) throws FieldException {
        GpioSettings settings = GpioSettings.of(device);
        DoorSettings door = new DoorSettings(
                settings.pin("relay", PinKind.OUTPUT),
                settings.pin("contact", PinKind.SWITCH),
                settings.optionalPin("exitButton", PinKind.SWITCH),
                settings.optionalPin("led", PinKind.OUTPUT),
                settings.optionalPin("buzzer", PinKind.OUTPUT),
                settings.millis("pulseMillis", DoorSettings.MIN_PULSE_MILLIS, DoorSettings.MAX_PULSE_MILLIS,
                        DoorSettings.DEFAULT_PULSE_MILLIS),
                settings.seconds("forcedWindowSeconds", 1, 600, DoorSettings.DEFAULT_FORCED_WINDOW_SECONDS),
                settings.seconds("heldOpenSeconds", 5, 86_400, DoorSettings.DEFAULT_HELD_OPEN_SECONDS),
                settings.millis("debounceMillis", 0, 5_000, DoorSettings.DEFAULT_DEBOUNCE_MILLIS));
        settings.finish();
        if (door.requestWindow().compareTo(door.pulse()) < 0) {
            throw new FieldException(settings.field("forcedWindowSeconds"), "must be at least pulseMillis ("
                    + door.pulse().toMillis() + " ms): a door opened while its strike is released is not forced");
        }
        return door;
    }

    @Override
    public Device create(DeviceConfig config, DriverContext context) {
        return new GpioDoor(config, config.settings(DoorSettings.class), context);
    }
}
