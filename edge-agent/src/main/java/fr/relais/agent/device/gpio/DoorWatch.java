package fr.relais.agent.device.gpio;

import fr.relais.agent.device.DeviceEvent;
import fr.relais.protocol.Health;
import fr.relais.protocol.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a door is doing, from its contact and the requests to open it (a grant, the exit button):
 * opened, closed, forced (opened with no request in the window before), held open too long.
 * Pure: the caller serialises the calls and passes the time.
 *
 * <p>A request lets one opening through: a door opened, closed and opened again on the same
 * grant is forced the second time (the strike was meant to be locked again by then).
 */
final class DoorWatch {
    enum Request { GRANT, EXIT }

    static final String OPENED = "door-opened";
    static final String CLOSED = "door-closed";
    static final String FORCED = "door-forced";
    static final String HELD_OPEN = "door-held-open";
    static final String HELD_OPEN_CLEARED = "door-held-open-cleared";

    private final Duration requestWindow;
    private final Duration heldOpenAfter;
    private boolean open;
    private Instant openedAt;
    private boolean forced;
    private boolean heldOpen;
    private Instant lastRequest;
    private Request lastRequestKind;
    private long openings;
    private long forcedCount;
    private long grants;
    private long exitRequests;

    DoorWatch(Duration requestWindow, Duration heldOpenAfter) {
        this.requestWindow = requestWindow;
        this.heldOpenAfter = heldOpenAfter;
    }

    /** The door as found when the device opens: an open door is not forced (we cannot know). */
    void start(boolean open, Instant now) {
        this.open = open;
        this.openedAt = open ? now : null;
    }

    void requested(Request request, Instant at) {
        lastRequest = at;
        lastRequestKind = request;
        if (request == Request.GRANT) {
            grants++;
        } else {
            exitRequests++;
        }
    }

    List<DeviceEvent> opened(Instant at) {
        if (open) {
            return List.of();
        }
        open = true;
        openedAt = at;
        openings++;
        boolean allowed = lastRequest != null && !lastRequest.isBefore(at.minus(requestWindow));
        String by = allowed ? (lastRequestKind == Request.GRANT ? "grant" : "exit-button") : "none";
        lastRequest = null;
        List<DeviceEvent> events = new ArrayList<>();
        events.add(new DeviceEvent(OPENED, Severity.INFO, allowed ? (lastRequestKind == Request.GRANT
                ? "Porte ouverte (accès autorisé)" : "Porte ouverte (demande de sortie)") : "Porte ouverte",
                Map.of("allowed", allowed, "by", by)));
        if (!allowed) {
            forced = true;
            forcedCount++;
            events.add(new DeviceEvent(FORCED, Severity.CRITICAL,
                    "Porte forcée : ouverte sans badge ni demande de sortie dans les "
                            + requestWindow.toSeconds() + " s précédentes",
                    Map.of("forcedCount", forcedCount)));
        }
        return events;
    }

    List<DeviceEvent> closed(Instant at) {
        if (!open) {
            return List.of();
        }
        long openSeconds = openedAt == null ? 0 : Math.max(0, Duration.between(openedAt, at).toSeconds());
        List<DeviceEvent> events = new ArrayList<>();
        if (heldOpen) {
            events.add(new DeviceEvent(HELD_OPEN_CLEARED, Severity.INFO,
                    "Porte refermée après être restée ouverte " + openSeconds + " s",
                    Map.of("openSeconds", openSeconds)));
        }
        events.add(new DeviceEvent(CLOSED, Severity.INFO, "Porte fermée",
                Map.of("openSeconds", openSeconds, "wasForced", forced)));
        open = false;
        openedAt = null;
        forced = false;
        heldOpen = false;
        return events;
    }

    List<DeviceEvent> tick(Instant now) {
        if (!open || heldOpen || openedAt == null || Duration.between(openedAt, now).compareTo(heldOpenAfter) < 0) {
            return List.of();
        }
        heldOpen = true;
        return List.of(new DeviceEvent(HELD_OPEN, Severity.WARNING,
                "Porte restée ouverte plus de " + heldOpenAfter.toSeconds() + " s",
                Map.of("limitSeconds", heldOpenAfter.toSeconds(), "wasForced", forced)));
    }

    /** Critical while a forced door is still open; warning while held open; ok otherwise. */
    Health health() {
        if (open && forced) {
            return Health.CRITICAL;
        }
        return heldOpen ? Health.WARNING : Health.OK;
    }

    Map<String, Object> metrics(boolean strikeActive, Instant now) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("open", open);
        metrics.put("strikeActive", strikeActive);
        metrics.put("heldOpen", heldOpen);
        metrics.put("forcedOpen", open && forced);
        metrics.put("openSeconds", open && openedAt != null ? Math.max(0, Duration.between(openedAt, now).toSeconds()) : 0L);
        metrics.put("forcedCount", forcedCount);
        metrics.put("openings", openings);
        metrics.put("grants", grants);
        metrics.put("exitRequests", exitRequests);
        return metrics;
    }
}
