package fr.relais.agent.device.scanner;

import fr.relais.agent.config.DeviceConfig;
import fr.relais.agent.device.Device;
import fr.relais.agent.device.DriverContext;
import fr.relais.agent.device.DriverFactory;
import fr.relais.protocol.Birth;
import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.json.FieldException;
import fr.relais.protocol.json.StrictObject;
import java.util.Set;

/** The {@code escl} driver: a network scanner (or a USB one through ipp-usb) asked over eSCL (AirScan). */
public final class EsclDriver implements DriverFactory {
    @Override
    public String driver() {
        return "escl";
    }

    @Override
    public Set<DeviceKind> kinds() {
        return Set.of(DeviceKind.SCANNER);
    }

    @Override
    public Object settings(StrictObject device) throws FieldException {
        return EsclSettings.read(device);
    }

    @Override
    public Device create(DeviceConfig config, DriverContext context) {
        EsclSettings settings = config.settings(EsclSettings.class);
        Birth.DeviceInfo info = new Birth.DeviceInfo(config.id(), config.kind(), config.name(), false);
        return new EsclScanner(info, EsclClient.create(settings.statusUrl(), config.readTimeout()));
    }
}
