package fr.relais.agent.device.badge;

import fr.relais.agent.device.DeviceEvent;
import fr.relais.protocol.Severity;
import java.util.Map;

/** The events of a plugged reader (USB, serial) that goes away and comes back. */
final class ReaderEvents {
    static final String UNPLUGGED = "reader-unplugged";
    static final String RECONNECTED = "reader-reconnected";

    private ReaderEvents() {
    }

    static DeviceEvent unplugged(String reason) {
        return new DeviceEvent(UNPLUGGED, Severity.CRITICAL,
                "Lecteur de badges débranché ou injoignable : les badges ne sont plus lus", Map.of("reason", reason));
    }

    static DeviceEvent reconnected() {
        return new DeviceEvent(RECONNECTED, Severity.INFO, "Lecteur de badges de nouveau branché", Map.of());
    }
}
