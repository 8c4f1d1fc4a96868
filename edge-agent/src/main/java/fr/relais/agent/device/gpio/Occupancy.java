package fr.relais.agent.device.gpio;

import fr.relais.agent.device.DeviceEvent;
import fr.relais.protocol.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a room is occupied, from a motion sensor: occupied at the first motion, free once no
 * motion was seen for {@code hold} (people sitting still at a screen move little; a PIR module
 * also holds its own output for a few seconds). Pure: the caller serialises calls and passes the
 * time.
 *
 * <p>Public so that the demo's simulated room sensor decides with this very class: its events and
 * metrics are the real sensor's by construction.
 */
public final class Occupancy {
    public static final String OCCUPIED = "room-occupied";
    public static final String FREE = "room-free";

    private final String room;
    private final Duration hold;
    private final HourlyTally tally;
    private boolean occupied;
    private boolean motion;
    private Instant lastMotion;
    private Instant occupiedSince;
    private long motionCount;

    public Occupancy(String room, Duration hold, Instant now) {
        this.room = room;
        this.hold = hold;
        this.tally = new HourlyTally(now);
    }

    /** The sensor's output, settled, changed at {@code now}. */
    public Optional<DeviceEvent> motion(boolean active, Instant now) {
        tally.advance(now, occupied);
        motion = active;
        lastMotion = now;
        if (active) {
            motionCount++;
        }
        if (!active || occupied) {
            return Optional.empty();
        }
        occupied = true;
        occupiedSince = now;
        return Optional.of(new DeviceEvent(OCCUPIED, Severity.INFO, "Salle « " + room + " » occupée",
                Map.of("room", room)));
    }

    public Optional<DeviceEvent> tick(Instant now) {
        if (occupied && !motion && lastMotion != null && !now.isBefore(lastMotion.plus(hold))) {
            Instant freeAt = lastMotion.plus(hold);
            tally.advance(freeAt, true);
            occupied = false;
            tally.advance(now, false);
            long minutes = Math.max(0, Duration.between(occupiedSince, freeAt).toMinutes());
            return Optional.of(new DeviceEvent(FREE, Severity.INFO, "Salle « " + room + " » libre",
                    Map.of("room", room, "occupiedMinutes", minutes)));
        }
        tally.advance(now, occupied);
        return Optional.empty();
    }

    public Map<String, Object> metrics() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("room", room);
        metrics.put("occupied", occupied);
        metrics.put("motion", motion);
        metrics.put("occupiedMinutesThisHour", tally.minutesThisHour());
        metrics.put("occupiedMinutesLastHour", tally.minutesLastHour());
        metrics.put("motionCount", motionCount);
        return metrics;
    }
}
