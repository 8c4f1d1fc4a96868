package fr.relais.agent.device.simulated;

import fr.relais.agent.device.Device;
import fr.relais.protocol.Birth;
import java.util.Random;

/** What every simulation has: its description and its own seeded randomness. */
abstract class SimulatedDevice implements Device {
    protected final Birth.DeviceInfo info;
    protected final Random random;

    SimulatedDevice(Birth.DeviceInfo info, Random random) {
        this.info = info;
        this.random = random;
    }

    @Override
    public final Birth.DeviceInfo info() {
        return info;
    }
}
