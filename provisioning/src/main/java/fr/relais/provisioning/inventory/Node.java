package fr.relais.provisioning.inventory;

import java.util.List;
import java.util.Objects;

/**
 * One edge agent, that is one Raspberry Pi. Its id is its MQTT identity, hence unique across
 * the whole territory and not only within its site.
 *
 * @param auth        how it authenticates to the central broker
 * @param localBroker whether the Pi runs a site-local broker bridged to the central one, so that
 *                    its kiosk and agent keep talking through a WAN cut (the van, a fragile line)
 */
public record Node(String id, List<Device> devices, NodeAuth auth, boolean localBroker) {

    public Node {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(auth, "auth");
        devices = List.copyOf(devices);
    }

    /** A node with password authentication and no local broker, the defaults. */
    public Node(String id, List<Device> devices) {
        this(id, devices, NodeAuth.PASSWORD, false);
    }

    public boolean hasKiosk() {
        return devices.stream().anyMatch(device -> device.kind() == fr.relais.protocol.DeviceKind.KIOSK);
    }
}
