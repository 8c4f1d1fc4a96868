package fr.relais.agent.device.simulated;

import fr.relais.agent.config.DeviceConfig;
import fr.relais.agent.device.Device;
import fr.relais.agent.device.DriverContext;
import fr.relais.agent.device.DriverFactory;
import fr.relais.agent.device.gpio.GpioPresenceDriver;
import fr.relais.agent.device.gpio.PeopleCounterDriver;
import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.json.FieldException;
import fr.relais.protocol.json.StrictObject;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The {@code simulated} driver: any kind, a flat block of scalar settings. */
public final class SimulatedDriver implements DriverFactory {
    /**
     * The real driver a simulation stands for, where one kind has several: a presence sensor is a
     * room's motion sensor ({@code gpio-presence}, the default) or an entrance counter
     * ({@code gpio-people-counter}).
     */
    public static final String SIMULATES = "simulates";

    /**
     * The real drivers whose simulation differs from their kind's default: provisioning renders
     * {@code simulates: <driver>} for a device of one of these rendered as simulated.
     */
    public static final Set<String> DISTINCT_SIMULATIONS = Set.of(PeopleCounterDriver.NAME, GpioPresenceDriver.NAME);

    /**
     * The settings the simulations read (printer: {@code tonerPercent}; probe: {@code link};
     * room sensor: {@code room}, {@code holdSeconds}; entrance counter: {@code resetAt},
     * {@code visitorsPerDay}). Provisioning keeps these, and drops the others, when it renders a
     * device of a real driver as simulated for the demo; the real drivers read the same names (but
     * {@code visitorsPerDay}, the simulated counter's own, for a configuration written by hand).
     */
    public static final Set<String> SETTINGS = Set.of("link", "tonerPercent", "room", "holdSeconds", "resetAt",
            "visitorsPerDay", SIMULATES);

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
