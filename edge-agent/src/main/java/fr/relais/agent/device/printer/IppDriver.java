package fr.relais.agent.device.printer;

import fr.relais.agent.config.DeviceConfig;
import fr.relais.agent.device.Device;
import fr.relais.agent.device.DriverContext;
import fr.relais.agent.device.DriverFactory;
import fr.relais.protocol.Birth;
import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.json.FieldException;
import fr.relais.protocol.json.StrictObject;
import java.util.Set;

/** The {@code ipp} driver: a network printer (or one on USB through ipp-usb) asked over IPP. */
public final class IppDriver implements DriverFactory {
    @Override
    public String driver() {
        return "ipp";
    }

    @Override
    public Set<DeviceKind> kinds() {
        return Set.of(DeviceKind.PRINTER);
    }

    @Override
    public Object settings(StrictObject device) throws FieldException {
        return IppSettings.read(device);
    }

    @Override
    public Device create(DeviceConfig config, DriverContext context) {
        IppSettings settings = config.settings(IppSettings.class);
        Birth.DeviceInfo info = new Birth.DeviceInfo(config.id(), config.kind(), config.name(), false);
        return new IppPrinter(info, IppClient.create(settings.address(), config.readTimeout()),
                new PrinterHealth(settings.tonerWarningPercent(), settings.tonerCriticalPercent()), context.clock());
    }
}
