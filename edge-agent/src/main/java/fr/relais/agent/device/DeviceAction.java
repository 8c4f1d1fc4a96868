package fr.relais.agent.device;

import fr.relais.agent.command.Outcome;
import java.util.Map;

/**
 * One device-level command, such as a strike pulse or a test print. The hub sends it as
 * {@code cmd/{name}} with {@code args.device} naming the device; the other arguments are the
 * action's. Runs on the device's own thread, bounded by the node's command timeout.
 */
@FunctionalInterface
public interface DeviceAction {
    Outcome run(Map<String, Object> args) throws InterruptedException;
}
