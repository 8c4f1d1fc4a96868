package fr.relais.agent.config;

import fr.relais.protocol.DeviceKind;
import java.time.Duration;
import java.util.Objects;

/**
 * One device of the node.
 *
 * @param driver       which code drives it (a name of the driver registry; {@code simulated}
 *                     exists for the demo and load tests)
 * @param pollInterval how often it is read ({@code pollSeconds}; the node's telemetry interval
 *                     by default)
 * @param readTimeout  how long one read may take before it is abandoned and the device
 *                     reported {@code unknown} ({@code readTimeoutSeconds}, default 10 s)
 * @param settings     the driver's own settings, as its factory read and validated them
 */
public record DeviceConfig(String id, DeviceKind kind, String name, String driver, Duration pollInterval,
                           Duration readTimeout, Object settings) {
    public static final String SIMULATED = "simulated";
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);

    public DeviceConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(settings, "settings");
    }

    public boolean simulated() {
        return SIMULATED.equals(driver);
    }

    /** The driver's settings, as the type its factory returned. */
    public <T> T settings(Class<T> type) {
        return type.cast(settings);
    }
}
