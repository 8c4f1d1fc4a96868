package fr.relais.agent.device.simulated;

import fr.relais.agent.device.Reading;
import fr.relais.protocol.Birth;
import fr.relais.protocol.Health;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Random;

/**
 * A presence sensor in a place open Monday to Saturday, 9:00–12:00 and 14:00–18:00 (Paris
 * time): a few visitors come and go while it is open, nobody is there otherwise.
 */
final class SimulatedPresenceSensor extends SimulatedDevice {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final int CAPACITY = 12;

    private int people;

    SimulatedPresenceSensor(Birth.DeviceInfo info, Random random) {
        super(info, random);
    }

    @Override
    public Reading read(Instant now) {
        if (isOpen(now.atZone(PARIS))) {
            people = Math.max(0, Math.min(CAPACITY, people + random.nextInt(3) - 1));
        } else {
            people = 0;
        }
        return Reading.of(Health.OK, Map.of("occupied", people > 0, "people", (long) people));
    }

    static boolean isOpen(ZonedDateTime time) {
        if (time.getDayOfWeek() == DayOfWeek.SUNDAY) {
            return false;
        }
        int hour = time.getHour();
        return (hour >= 9 && hour < 12) || (hour >= 14 && hour < 18);
    }
}
