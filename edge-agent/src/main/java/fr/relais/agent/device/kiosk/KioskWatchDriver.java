package fr.relais.agent.device.kiosk;

import fr.relais.agent.config.DeviceConfig;
import fr.relais.agent.device.Device;
import fr.relais.agent.device.DriverContext;
import fr.relais.agent.device.DriverFactory;
import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.json.FieldException;
import fr.relais.protocol.json.StrictObject;
import java.util.Set;

/**
 * The {@code kiosk-watch} driver: the agent watches the kiosk's process through systemd and the
 * kiosk's heartbeat file, restarts a kiosk that hangs, and switches the screen with the opening
 * hours.
 */
public final class KioskWatchDriver implements DriverFactory {
    public static final String NAME = "kiosk-watch";

    @Override
    public String driver() {
        return NAME;
    }

    @Override
    public Set<DeviceKind> kinds() {
        return Set.of(DeviceKind.KIOSK);
    }

    @Override
    public Object settings(StrictObject device) throws FieldException {
        return SettingsReader.read(device);
    }

    @Override
    public Device create(DeviceConfig config, DriverContext context) {
        return new KioskWatch(config, config.settings(KioskWatchSettings.class), context.clock());
    }
}
