package fr.relais.agent.device;

import fr.relais.protocol.Severity;
import java.util.Map;

/** Something a device noticed once, such as running out of paper. */
public record DeviceEvent(String type, Severity severity, String message, Map<String, Object> data) {
    public DeviceEvent {
        data = Map.copyOf(data);
    }
}
