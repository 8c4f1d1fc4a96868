package fr.relais.agent.device;

import fr.relais.agent.config.DeviceConfig;
import fr.relais.agent.device.simulated.SimulatedDevices;
import java.util.List;

/** Builds the device drivers a node's configuration asks for. */
public final class Devices {
    private Devices() {
    }

    public static List<Device> from(List<DeviceConfig> configs) {
        return configs.stream().map(Devices::create).toList();
    }

    private static Device create(DeviceConfig config) {
        if (config.simulated()) {
            return SimulatedDevices.create(config);
        }
        // The configuration loader refuses unknown drivers; reaching this is a programming error.
        throw new IllegalArgumentException("no driver '" + config.driver() + "' for device " + config.id());
    }
}
