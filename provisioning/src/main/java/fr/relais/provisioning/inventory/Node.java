package fr.relais.provisioning.inventory;

import java.util.List;
import java.util.Objects;

/**
 * One edge agent, that is one Raspberry Pi. Its id is its MQTT identity, hence unique across
 * the whole territory and not only within its site.
 */
public record Node(String id, List<Device> devices) {

    public Node {
        Objects.requireNonNull(id, "id");
        devices = List.copyOf(devices);
    }
}
