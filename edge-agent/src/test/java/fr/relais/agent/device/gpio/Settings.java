package fr.relais.agent.device.gpio;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import fr.relais.agent.config.DeviceConfig;
import fr.relais.agent.device.DriverFactory;
import fr.relais.protocol.json.FieldException;
import fr.relais.protocol.json.StrictObject;
import java.io.IOException;
import java.time.Duration;

/** Device configurations for tests, read by the drivers themselves from a YAML settings block. */
final class Settings {
    private static final YAMLMapper YAML = new YAMLMapper();

    private Settings() {
    }

    /** {@code settings} is the YAML of the block, one setting a line, without indentation. */
    static Object read(DriverFactory driver, String settings) throws FieldException {
        String yaml = "settings:\n" + settings.lines().map(line -> "  " + line + "\n").reduce("", String::concat);
        try {
            return driver.settings(StrictObject.root(YAML.readTree(yaml), "device"));
        } catch (IOException e) {
            throw new IllegalArgumentException("bad YAML in a test: " + yaml, e);
        }
    }

    static DeviceConfig device(String id, DriverFactory driver, String settings) throws FieldException {
        return new DeviceConfig(id, driver.kinds().iterator().next(), "Appareil " + id, driver.driver(),
                Duration.ofSeconds(10), DeviceConfig.DEFAULT_READ_TIMEOUT, read(driver, settings));
    }
}
