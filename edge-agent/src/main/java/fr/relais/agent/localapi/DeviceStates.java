package fr.relais.agent.localapi;

import fr.relais.agent.device.DeviceEvent;
import fr.relais.agent.device.DeviceReports;
import fr.relais.agent.device.Reading;
import fr.relais.protocol.Birth;
import fr.relais.protocol.Health;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The latest reading of each device, as the devices hand it to the outbox for telemetry: the
 * agent keeps no other copy, so this sits in the reports' path, remembers, and passes everything
 * on unchanged. Read-only for the kiosk ("L'imprimante n'a plus de papier").
 */
public final class DeviceStates implements DeviceReports {
    private final DeviceReports downstream;
    private final Map<String, Reading> latest = new ConcurrentHashMap<>();
    private volatile Supplier<List<Birth.DeviceInfo>> devices = List::of;

    public DeviceStates(DeviceReports downstream) {
        this.downstream = downstream;
    }

    /** The node's devices (made after the reports' path, so given later). */
    public void describedBy(Supplier<List<Birth.DeviceInfo>> infos) {
        this.devices = infos;
    }

    @Override
    public void reading(String deviceId, Reading reading) {
        downstream.reading(deviceId, reading);
        latest.put(deviceId, reading);
    }

    @Override
    public void event(String deviceId, DeviceEvent event) {
        downstream.event(deviceId, event);
    }

    /** One entry per device of the node, {@code unknown} until its first reading. */
    public List<Map<String, Object>> items() {
        List<Map<String, Object>> items = new ArrayList<>();
        for (Birth.DeviceInfo info : devices.get()) {
            Reading reading = latest.get(info.id());
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", info.id());
            item.put("kind", info.kind().wire());
            item.put("name", info.name());
            item.put("health", reading == null ? "unknown" : health(reading.health()));
            item.put("reasons", reading == null ? List.of() : reasons(reading.metrics()));
            item.put("metrics", reading == null ? Map.of() : reading.metrics());
            item.put("simulated", info.simulated());
            items.add(item);
        }
        return items;
    }

    /** The kiosk's words: {@code critical} is an {@code error} the visitor must be told of. */
    static String health(Health health) {
        return switch (health) {
            case OK -> "ok";
            case WARNING -> "warning";
            case CRITICAL -> "error";
            default -> "unknown";
        };
    }

    /** The device's own reasons ({@code reasons: "media-empty, toner-low"}) and its error, if any. */
    static List<String> reasons(Map<String, Object> metrics) {
        List<String> reasons = new ArrayList<>();
        if (metrics.get("reasons") instanceof String text && !text.isBlank()) {
            for (String reason : text.split(",")) {
                if (!reason.isBlank() && !"none".equals(reason.strip())) {
                    reasons.add(reason.strip());
                }
            }
        }
        if (metrics.get("error") instanceof String error && !error.isBlank()) {
            reasons.add(error);
        }
        return reasons;
    }
}
