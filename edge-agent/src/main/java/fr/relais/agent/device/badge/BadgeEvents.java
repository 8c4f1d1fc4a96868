package fr.relais.agent.device.badge;

import fr.relais.agent.device.DeviceEvent;
import fr.relais.protocol.Severity;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The events every badge reader sends, whatever its wiring: a read (only the keyed hash of the
 * number) and a frame that was refused (why, never its bits). The access issue decides at the door
 * from these; the hub counts bad frames per reader.
 */
public final class BadgeEvents {
    public static final String READ = "badge";
    public static final String REJECTED = "badge-frame-rejected";

    private BadgeEvents() {
    }

    /** A badge was read; {@code format} says how (such as {@code wiegand-26}, {@code serial-ascii}). */
    public static DeviceEvent read(String badgeHash, String format) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("badgeHash", badgeHash);
        data.put("format", format);
        return new DeviceEvent(READ, Severity.INFO, "Badge lu", data);
    }

    /** A frame that is not a badge number (bad parity, wrong length, garbage). */
    public static DeviceEvent rejected(String reason, String format) {
        return new DeviceEvent(REJECTED, Severity.WARNING, "Lecture de badge refusée : " + reason,
                Map.of("reason", reason, "format", format));
    }
}
