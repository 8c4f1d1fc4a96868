package fr.relais.provisioning.inventory;

import fr.relais.protocol.DeviceKind;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One piece of equipment a node drives.
 *
 * @param settings scalar settings handed to the driver as they are (for a probe: {@code link: adsl});
 *                 kept in file order so that what is rendered from them is stable
 */
public record Device(String id, DeviceKind kind, String name, Map<String, Object> settings) {

    public Device {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }
}
