package fr.relais.agent.config;

import fr.relais.protocol.DeviceKind;
import java.util.Map;

/**
 * One device of the node.
 *
 * @param driver   which code drives it; {@code simulated} is the only driver of this version
 *                 and exists for the demo and the tests
 * @param settings driver-specific scalar settings (for a simulated probe: {@code link: 4g})
 */
public record DeviceConfig(String id, DeviceKind kind, String name, String driver, Map<String, Object> settings) {
    public static final String SIMULATED = "simulated";

    public DeviceConfig {
        settings = Map.copyOf(settings);
    }

    public boolean simulated() {
        return SIMULATED.equals(driver);
    }
}
