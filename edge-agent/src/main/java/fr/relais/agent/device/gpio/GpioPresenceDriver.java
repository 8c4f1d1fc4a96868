package fr.relais.agent.device.gpio;

import fr.relais.agent.config.DeviceConfig;
import fr.relais.agent.device.Device;
import fr.relais.agent.device.DriverContext;
import fr.relais.agent.device.DriverFactory;
import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.json.FieldException;
import fr.relais.protocol.json.StrictObject;
import java.util.Set;

/** The {@code gpio-presence} driver: one PIR motion sensor watching one room. */
public final class GpioPresenceDriver implements DriverFactory {
    public static final String NAME = "gpio-presence";
    /** How long a room stays occupied after the last motion when the settings give none. */
    public static final long DEFAULT_HOLD_SECONDS = PresenceSettings.DEFAULT_HOLD_SECONDS;

    @Override
    public String driver() {
        return NAME;
    }

    @Override
    public Set<DeviceKind> kinds() {
        return Set.of(DeviceKind.PRESENCE_SENSOR);
    }

    @Override
    public Object settings(StrictObject device) throws FieldException {
        GpioSettings settings = GpioSettings.of(device);
        PresenceSettings presence = new PresenceSettings(
                settings.pin("pir", PinKind.SENSOR),
                settings.millis("debounceMillis", 0, 10_000, PresenceSettings.DEFAULT_DEBOUNCE_MILLIS),
                settings.seconds("holdSeconds", 1, 86_400, PresenceSettings.DEFAULT_HOLD_SECONDS),
                settings.optionalText("room"));
        if (presence.room().isPresent() && presence.room().get().isBlank()) {
            throw new FieldException(settings.field("room"), "must not be blank");
        }
        settings.finish();
        return presence;
    }

    @Override
    public Device create(DeviceConfig config, DriverContext context) {
        return new GpioPresenceSensor(config, config.settings(PresenceSettings.class), context);
    }
}
