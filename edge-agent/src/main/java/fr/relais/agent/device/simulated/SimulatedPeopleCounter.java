package fr.relais.agent.device.simulated;

import fr.relais.agent.device.DeviceEvent;
import fr.relais.agent.device.Reading;
import fr.relais.agent.device.gpio.DailyCount;
import fr.relais.agent.device.gpio.PeopleCounterDriver;
import fr.relais.protocol.Birth;
import fr.relais.protocol.Health;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * An entrance counter ({@code gpio-people-counter}) without beams: visitors arrive following the
 * place's week ({@link DemoHours}: busier mornings, closed on Sundays), stay a while and leave,
 * everyone by closing time. The counting itself is the real driver's {@link DailyCount}, so the
 * {@code entry}/{@code exit} events, the daily reset and the metrics are the real counter's.
 *
 * <p>Visitors arrive between two readings only: a reading after a long pause (the laptop running
 * the demo asleep) does not make up more than {@link #MAX_CATCH_UP} of arrivals at once.
 */
final class SimulatedPeopleCounter extends SimulatedDevice {
    static final double MAX_VISITORS_PER_DAY = 5_000;
    static final Duration MAX_CATCH_UP = Duration.ofMinutes(15);
    private static final Duration SHORTEST_STAY = Duration.ofMinutes(10);
    private static final double MEAN_EXTRA_STAY_MINUTES = 30;
    private static final Duration LONGEST_STAY = Duration.ofHours(2);

    private final double visitorsPerDay;
    private final LocalTime resetAt;
    private final ZoneId zone = ZoneId.of(PeopleCounterDriver.DEFAULT_TIMEZONE);
    /** When each visitor still inside will leave, earliest first. */
    private final List<Instant> departures = new ArrayList<>();
    private DailyCount count;
    private Instant lastRead;

    SimulatedPeopleCounter(Birth.DeviceInfo info, Random random, Map<String, Object> settings) {
        super(info, random);
        // Drawn even when the setting is given, so that giving it changes nothing else of the story.
        double seeded = 25 + random.nextInt(45);
        this.visitorsPerDay = SimulatedDevices.setting(settings, "visitorsPerDay", seeded);
        if (!(visitorsPerDay >= 0 && visitorsPerDay <= MAX_VISITORS_PER_DAY)) {
            throw new IllegalArgumentException("settings.visitorsPerDay must be between 0 and "
                    + (long) MAX_VISITORS_PER_DAY + ", got " + settings.get("visitorsPerDay"));
        }
        this.resetAt = resetAt(settings.get("resetAt"));
    }

    private static LocalTime resetAt(Object setting) {
        String text = setting == null ? PeopleCounterDriver.DEFAULT_RESET_AT : setting.toString();
        try {
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("settings.resetAt '" + text + "' is not a time of day such as 04:00");
        }
    }

    double visitorsPerDay() {
        return visitorsPerDay;
    }

    @Override
    public Reading read(Instant now) {
        if (count == null) {
            count = new DailyCount(resetAt, zone, now);
            lastRead = now;
        }
        List<DeviceEvent> events = new ArrayList<>();
        count.tick(now).ifPresent(events::add);
        boolean open = DemoHours.isOpen(now);
        leave(now, open, events);
        if (open && now.isAfter(lastRead)) {
            Duration elapsed = Duration.between(lastRead, now);
            if (elapsed.compareTo(MAX_CATCH_UP) > 0) {
                elapsed = MAX_CATCH_UP;
            }
            double expected = DemoHours.arrivalsPerHour(now, visitorsPerDay) * elapsed.toMillis() / 3_600_000.0;
            for (int arrivals = poisson(expected); arrivals > 0; arrivals--) {
                events.add(count.entry());
                departures.add(now.plus(stay()));
            }
            departures.sort(null);
        }
        if (now.isAfter(lastRead)) {
            lastRead = now;
        }
        Map<String, Object> metrics = count.metrics();
        metrics.put(PeopleCounterDriver.BEAM_BLOCKED_METRIC, false);
        return new Reading(Health.OK, metrics, events);
    }

    /** Visitors whose stay is over go out; at closing time everyone does. */
    private void leave(Instant now, boolean open, List<DeviceEvent> events) {
        for (Iterator<Instant> it = departures.iterator(); it.hasNext(); ) {
            Instant departure = it.next();
            if (open && departure.isAfter(now)) {
                break;
            }
            it.remove();
            events.add(count.exit());
        }
    }

    private Duration stay() {
        long minutes = SHORTEST_STAY.toMinutes() + Math.round(-MEAN_EXTRA_STAY_MINUTES * Math.log(1 - random.nextDouble()));
        return Duration.ofMinutes(Math.min(minutes, LONGEST_STAY.toMinutes()));
    }

    /**
     * A Poisson draw: Knuth's method for the small counts between two readings, the normal
     * approximation for the large ones (a busy place read after a pause), where Knuth's would need
     * e^-λ below what a double holds.
     */
    private int poisson(double expected) {
        if (expected <= 0) {
            return 0;
        }
        if (expected > 30) {
            return (int) Math.max(0, Math.round(expected + Math.sqrt(expected) * random.nextGaussian()));
        }
        double limit = Math.exp(-expected);
        int n = 0;
        double product = random.nextDouble();
        while (product > limit) {
            n++;
            product *= random.nextDouble();
        }
        return n;
    }
}
