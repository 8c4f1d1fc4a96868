package fr.relais.provisioning.inventory;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * How the edge agent drives a device: the driver's name, its settings as the inventory wrote
 * them (objects and lists included, checked by the agent's own reader of that driver, not here),
 * and the optional timings of the agent's device slot.
 *
 * @param settings           the {@code settings:} block, rendered into {@code agent.yaml} as it is
 * @param pollSeconds        how often the agent reads the device; its telemetry interval if empty
 * @param readTimeoutSeconds how long one read may take; the agent's default if empty
 */
public record DriverSetup(String driver, ObjectNode settings, OptionalInt pollSeconds, OptionalInt readTimeoutSeconds) {
    /** The driver of a device that names none: the simulation, as before drivers existed. */
    public static final String SIMULATED = "simulated";

    public DriverSetup {
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(pollSeconds, "pollSeconds");
        Objects.requireNonNull(readTimeoutSeconds, "readTimeoutSeconds");
        settings = settings.deepCopy();
    }

    /** The simulated driver with no settings: a device that says nothing of its driver. */
    public static DriverSetup byDefault() {
        return new DriverSetup(SIMULATED, emptySettings(), OptionalInt.empty(), OptionalInt.empty());
    }

    static ObjectNode emptySettings() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** A copy: the tree inside a record must not change under whoever holds it. */
    @Override
    public ObjectNode settings() {
        return settings.deepCopy();
    }

    public boolean simulated() {
        return SIMULATED.equals(driver);
    }

    /**
     * This setup (a profile's) with what one device says for itself laid over it: each of its
     * settings replaces the profile's setting of that name, and its timings replace the profile's.
     */
    DriverSetup with(ObjectNode own, OptionalInt poll, OptionalInt readTimeout) {
        ObjectNode merged = settings.deepCopy();
        merged.setAll(own.deepCopy());
        return new DriverSetup(driver, merged, poll.isPresent() ? poll : pollSeconds,
                readTimeout.isPresent() ? readTimeout : readTimeoutSeconds);
    }
}
