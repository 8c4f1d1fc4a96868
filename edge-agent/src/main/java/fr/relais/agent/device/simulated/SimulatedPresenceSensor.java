package fr.relais.agent.device.simulated;

import fr.relais.agent.device.DeviceEvent;
import fr.relais.agent.device.Reading;
import fr.relais.agent.device.gpio.GpioPresenceDriver;
import fr.relais.agent.device.gpio.Occupancy;
import fr.relais.protocol.Birth;
import fr.relais.protocol.Health;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A room's motion sensor ({@code gpio-presence}) without a PIR: while the place is open
 * ({@link DemoHours}) a workshop or a meeting now and then takes the room for 20 minutes to two
 * hours, during which people move at most readings; nobody comes when it is closed. Whether the
 * room is occupied is decided by the real driver's {@link Occupancy}, so {@code room-occupied},
 * {@code room-free} (with {@code occupiedMinutes}) and the metrics are the real sensor's.
 */
final class SimulatedPresenceSensor extends SimulatedDevice {
    static final long MAX_HOLD_SECONDS = 86_400;
    /** Sessions starting per open hour, on average: a room is in use about half the opening hours. */
    private static final double SESSIONS_PER_HOUR = 0.5;
    private static final double MOTION_CHANCE = 0.7;
    private static final long SHORTEST_SESSION_MINUTES = 20;
    private static final long LONGEST_SESSION_MINUTES = 120;

    private final String room;
    private final Duration hold;
    private Occupancy occupancy;
    private Instant lastRead;
    private Instant sessionEnds;
    private boolean moving;

    SimulatedPresenceSensor(Birth.DeviceInfo info, Random random, Map<String, Object> settings) {
        super(info, random);
        Object room = settings.get("room");
        if (room != null && room.toString().isBlank()) {
            throw new IllegalArgumentException("settings.room must not be blank");
        }
        this.room = room == null ? info.name() : room.toString();
        double seconds = SimulatedDevices.setting(settings, "holdSeconds", GpioPresenceDriver.DEFAULT_HOLD_SECONDS);
        if (!(seconds >= 1 && seconds <= MAX_HOLD_SECONDS)) {
            throw new IllegalArgumentException("settings.holdSeconds must be between 1 and " + MAX_HOLD_SECONDS
                    + ", got " + settings.get("holdSeconds"));
        }
        this.hold = Duration.ofSeconds((long) seconds);
    }

    @Override
    public Reading read(Instant now) {
        if (occupancy == null) {
            occupancy = new Occupancy(room, hold, now);
            lastRead = now;
        }
        List<DeviceEvent> events = new ArrayList<>();
        if (moving) {
            // The PIR's output drops between two readings: what keeps the room occupied is the hold.
            occupancy.motion(false, now).ifPresent(events::add);
            moving = false;
        }
        boolean open = DemoHours.isOpen(now);
        if (!open || (sessionEnds != null && !now.isBefore(sessionEnds))) {
            sessionEnds = null;
        }
        if (open && sessionEnds == null && now.isAfter(lastRead)) {
            double hours = Math.min(Duration.between(lastRead, now).toMillis(), 900_000) / 3_600_000.0;
            if (random.nextDouble() < 1 - Math.exp(-SESSIONS_PER_HOUR * hours)) {
                sessionEnds = now.plus(Duration.ofMinutes(SHORTEST_SESSION_MINUTES
                        + random.nextInt((int) (LONGEST_SESSION_MINUTES - SHORTEST_SESSION_MINUTES + 1))));
            }
        }
        if (sessionEnds != null && random.nextDouble() < MOTION_CHANCE) {
            occupancy.motion(true, now).ifPresent(events::add);
            moving = true;
        }
        occupancy.tick(now).ifPresent(events::add);
        if (now.isAfter(lastRead)) {
            lastRead = now;
        }
        return new Reading(Health.OK, occupancy.metrics(), events);
    }
}
