package fr.relais.provisioning.inventory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.relais.protocol.DeviceKind;
import java.util.Objects;
import java.util.Optional;

/**
 * One piece of equipment a node drives.
 *
 * @param setup   its driver and settings, its profile's with its own laid over them; the
 *                simulated driver when neither names one
 * @param profile the profile it follows, if any
 */
public record Device(String id, DeviceKind kind, String name, DriverSetup setup, Optional<String> profile) {

    public Device {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(setup, "setup");
        Objects.requireNonNull(profile, "profile");
    }

    public String driver() {
        return setup.driver();
    }

    public ObjectNode settings() {
        return setup.settings();
    }
}
