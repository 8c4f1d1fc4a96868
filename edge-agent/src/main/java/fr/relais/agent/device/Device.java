package fr.relais.agent.device;

import fr.relais.protocol.Birth;
import java.time.Instant;
import java.util.Map;

/**
 * A piece of equipment the agent watches and may drive. Three paths, each ending in the outbox:
 * <ul>
 *   <li>polled: {@link #read} is called at the device's poll interval, on the device's own thread,
 *       and abandoned after its read timeout (a slow printer never stalls the node);</li>
 *   <li>pushed: what happens between polls (a door opened, a badge read) is handed to the
 *       {@link DeviceSink} given to {@link #open} as it happens, from any thread;</li>
 *   <li>acted upon: {@link #actions} are the device-level commands it accepts (a test print, a
 *       strike pulse), run on the device's own thread.</li>
 * </ul>
 * Lifecycle: {@link #open} once before anything else (it may fail and is then tried again at the
 * next poll), {@link #close} once when the node's runtime stops (a new configuration, the agent's
 * end): whatever the device holds (a GPIO line, a serial port, a grabbed input device) is
 * released there, so the next runtime can take it.
 */
public interface Device extends AutoCloseable {
    /** What the birth says about this device. */
    Birth.DeviceInfo info();

    /**
     * Takes hold of the hardware. Runs on the device's thread. A failure (port absent, line busy)
     * is reported as the device's health and retried at the next poll.
     */
    default void open(DeviceSink sink) throws DeviceException {
    }

    /**
     * Takes a reading now: the health and metrics of a polled device, the current state of an
     * event-driven one. Called from the device's thread, one call at a time; interrupted when it
     * overruns its read timeout.
     */
    Reading read(Instant now);

    /** The device-level commands it accepts, by command name (such as {@code test-print}). */
    default Map<String, DeviceAction> actions() {
        return Map.of();
    }

    /** Releases the hardware; must not throw. */
    @Override
    default void close() {
    }
}
