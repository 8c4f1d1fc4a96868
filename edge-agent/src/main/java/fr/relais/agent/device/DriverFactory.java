package fr.relais.agent.device;

import fr.relais.agent.config.DeviceConfig;
import fr.relais.protocol.DeviceKind;
import fr.relais.protocol.json.FieldException;
import fr.relais.protocol.json.StrictObject;
import java.time.Duration;
import java.util.Set;

/**
 * One driver: the {@code driver:} name a device's configuration gives, the kinds of device it
 * drives, how its {@code settings:} block is read, and how a device is made. Registered in
 * {@link DriverRegistry#standard()}.
 */
public interface DriverFactory {
    /** The name in {@code agent.yaml}, such as {@code ipp} or {@code gpio-door}. */
    String driver();

    /** The device kinds it can drive; another kind is a configuration error. */
    Set<DeviceKind> kinds();

    /**
     * Reads and validates the device's {@code settings:} block, at start and for
     * {@code set-config}: {@code device} is the device's object in {@code agent.yaml}; read only
     * its {@code settings} field (with {@code device.optionalObject("settings")}, and
     * {@code finish()} on that block so an unknown setting is refused). Every error names its
     * field, through {@link FieldException}. Returns the driver's own typed settings (a record),
     * given back to {@link #create} as {@link DeviceConfig#settings()}.
     */
    Object settings(StrictObject device) throws FieldException;

    /**
     * How long one read of a device with these settings may take when {@code readTimeoutSeconds}
     * is not given: a probe that tries five targets needs more than a printer.
     */
    default Duration readTimeout(Object settings) {
        return DeviceConfig.DEFAULT_READ_TIMEOUT;
    }

    /** Whether its devices hash badge numbers: the node then needs {@code badges.hashKey}. */
    default boolean readsBadges() {
        return false;
    }

    /**
     * Makes the device. Must not touch the hardware: that is {@link Device#open}'s job, on the
     * device's own thread, so a missing port never stops the node from starting.
     */
    Device create(DeviceConfig config, DriverContext context);
}
