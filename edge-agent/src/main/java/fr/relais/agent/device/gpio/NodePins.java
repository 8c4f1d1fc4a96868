package fr.relais.agent.device.gpio;

import fr.relais.agent.config.DeviceConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The GPIO pins of a whole node's configuration, for a check before anything runs: two devices
 * on one pin would otherwise be found only when the second one fails to open.
 */
public final class NodePins {
    private NodePins() {
    }

    /**
     * The first pin given to two functions, such as
     * {@code device 'pir-salle' settings.pir: BCM 17 is already settings.contact of device 'porte'};
     * empty if none is. Devices of other drivers are ignored.
     */
    public static Optional<String> conflict(List<DeviceConfig> devices) {
        Map<Integer, String> owners = new TreeMap<>();
        for (DeviceConfig device : devices) {
            for (Map.Entry<String, Pin> pin : pins(device.settings()).entrySet()) {
                String owner = "settings." + pin.getKey() + " of device '" + device.id() + "'";
                String other = owners.putIfAbsent(pin.getValue().bcm(), owner);
                if (other != null) {
                    return Optional.of("device '" + device.id() + "' settings." + pin.getKey() + ": BCM "
                            + pin.getValue().bcm() + " is already " + other);
                }
            }
        }
        return Optional.empty();
    }

    private static Map<String, Pin> pins(Object settings) {
        if (settings instanceof DoorSettings door) {
            return door.pins();
        }
        if (settings instanceof PresenceSettings presence) {
            return presence.pins();
        }
        if (settings instanceof CounterSettings counter) {
            return counter.pins();
        }
        if (settings instanceof WiegandSettings wiegand) {
            return wiegand.pins();
        }
        return Map.of();
    }
}
