package fr.relais.agent.device.simulated;

import fr.relais.agent.config.DeviceConfig;
import fr.relais.agent.device.Device;
import fr.relais.agent.device.DriverContext;
import fr.relais.agent.device.DriverFactory;
import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.json.FieldException;
import fr.relais.protocol.json.StrictObject;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The {@code simulated} driver: any kind, a flat block of scalar settings. */
public final class SimulatedDriver implements DriverFactory {
    /**
     * The settings the simulations read (printer: {@code tonerPercent}, probe: {@code link}).
     * Provisioning keeps these, and drops the others, when it renders a device of a real driver
     * as simulated for the demo.
     */
    public static final Set<String> SETTINGS = Set.of("link", "tonerPercent");

    @Override
    public String driver() {
        return DeviceConfig.SIMULATED;
    }

    @Override
    public Set<DeviceKind> kinds() {
        return EnumSet.allOf(DeviceKind.class);
    }

    /** Flat scalars ({@code link: 4g}, {@code tonerStart: 80}); checked by the simulation itself. */
    @Override
    public Object settings(StrictObject device) throws FieldException {
        return device.scalars("settings");
    }

    @Override
    public Device create(DeviceConfig config, DriverContext context) {
        return SimulatedDevices.create(context.node(), config);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> scalars(DeviceConfig config) {
        return (Map<String, Object>) config.settings();
    }
}
