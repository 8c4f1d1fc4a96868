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
 * The {@code serial-badge} driver: a badge reader module on a serial port (a 125 kHz RDM6300, a
 * 13.56 MHz module or a USB reader in serial mode sending lines), through jSerialComm.
 */
public final class SerialBadgeDriver implements DriverFactory {
    @Override
    public String driver() {
        return "serial-badge";
    }

    @Override
    public Set<DeviceKind> kinds() {
        return Set.of(DeviceKind.BADGE_READER);
    }

    @Override
    public Object settings(StrictObject device) throws FieldException {
        return SerialBadgeSettings.read(device);
    }

    @Override
    public boolean readsBadges() {
        return true;
    }

    @Override
    public Device create(DeviceConfig config, DriverContext context) {
        SerialBadgeSettings settings = config.settings(SerialBadgeSettings.class);
        return new StreamBadgeReader(new Birth.DeviceInfo(config.id(), config.kind(), config.name(), false),
                settings.format().eventFormat(), () -> SerialPortSource.open(settings.port(), settings.baud()),
                settings.format().decoders(), context.badges(), context.clock());
    }
}
