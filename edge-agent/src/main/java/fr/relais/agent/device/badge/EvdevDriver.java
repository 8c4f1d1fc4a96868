package fr.relais.agent.device.badge;

import fr.relais.agent.config.DeviceConfig;
import fr.relais.agent.device.Device;
import fr.relais.agent.device.DriverContext;
import fr.relais.agent.device.DriverFactory;
import fr.relais.protocol.Birth;
import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.json.FieldException;
import fr.relais.protocol.json.StrictObject;
import java.util.Set;

/**
 * The {@code evdev} driver: a USB keyboard-wedge badge reader (it "types" the number and Enter),
 * read from its Linux input device and grabbed so the keystrokes never reach the kiosk.
 */
public final class EvdevDriver implements DriverFactory {
    /** The {@code format} of its badge events. */
    static final String FORMAT = "keyboard";

    @Override
    public String driver() {
        return "evdev";
    }

    @Override
    public Set<DeviceKind> kinds() {
        return Set.of(DeviceKind.BADGE_READER);
    }

    @Override
    public Object settings(StrictObject device) throws FieldException {
        return EvdevSettings.read(device);
    }

    @Override
    public boolean readsBadges() {
        return true;
    }

    @Override
    public Device create(DeviceConfig config, DriverContext context) {
        EvdevSettings settings = config.settings(EvdevSettings.class);
        return new StreamBadgeReader(new Birth.DeviceInfo(config.id(), config.kind(), config.name(), false), FORMAT,
                () -> EvdevSource.open(settings.device(), settings.grab()),
                () -> new EvdevDecoder(InputEventLayout.ofThisMachine(), settings.layout()), context.badges(), context.clock());
    }
}
