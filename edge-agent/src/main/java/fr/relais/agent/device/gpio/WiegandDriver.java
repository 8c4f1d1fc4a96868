package fr.relais.agent.device.gpio;

import fr.relais.agent.config.DeviceConfig;
import fr.relais.agent.device.Device;
import fr.relais.agent.device.DriverContext;
import fr.relais.agent.device.DriverFactory;
import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.json.FieldException;
import fr.relais.protocol.json.StrictObject;
import java.util.Set;

/** The {@code wiegand} driver: a badge reader on two data lines, with optionally its LED and buzzer. */
public final class WiegandDriver implements DriverFactory {
    @Override
    public String driver() {
        return "wiegand";
    }

    @Override
    public Set<DeviceKind> kinds() {
        return Set.of(DeviceKind.BADGE_READER);
    }

    @Override
    public boolean readsBadges() {
        return true;
    }

    @Override
    public Object settings(StrictObject device) throws FieldException {
        GpioSettings settings = GpioSettings.of(device);
        WiegandSettings wiegand = new WiegandSettings(
                settings.pin("d0", PinKind.WIEGAND),
                settings.pin("d1", PinKind.WIEGAND),
                settings.optionalPin("led", PinKind.OUTPUT),
                settings.optionalPin("buzzer", PinKind.OUTPUT),
                settings.millis("frameTimeoutMillis", 5, 1_000, WiegandSettings.DEFAULT_FRAME_TIMEOUT_MILLIS),
                settings.readerDoor());
        settings.finish();
        return wiegand;
    }

    @Override
    public Device create(DeviceConfig config, DriverContext context) {
        return new WiegandReader(config, config.settings(WiegandSettings.class), context);
    }
}
