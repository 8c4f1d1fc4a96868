package fr.relais.agent.access;

import fr.relais.agent.device.DeviceEvent;
import java.util.Optional;

/**
 * Where the door's decisions and the list's status go: the outbox on a node (see
 * {@link OutboxAccessLog}), whatever a benchmark or a test wants elsewhere. Called from device
 * threads; must not throw, and may block while the outbox catches up (the door has opened by then).
 */
public interface AccessLog {
    /** @param device the door for a decision, empty for the node's list status */
    void record(Optional<String> device, DeviceEvent event);
}
