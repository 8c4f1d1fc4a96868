package fr.relais.agent.device.simulated;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * When the demo's places are open and how busy they are: Monday to Saturday, 9:00–12:00 and
 * 14:00–18:00 (Paris time), closed on Sundays, as the example places' hours say. The agent does
 * not receive the hub's opening hours, so the simulations follow this usual week.
 *
 * <p>The mornings are the busiest (people come with their paperwork before lunch), Saturday is
 * quieter, and the last hour of the afternoon empties.
 */
final class DemoHours {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    /** Share of a day's visitors arriving in each local hour (0–23); sums to 1 over an open day. */
    private static final double[] HOUR_SHARE = new double[24];
    static {
        double[] open = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0.17, 0.20, 0.15, 0, 0, 0.12, 0.13, 0.13, 0.10};
        System.arraycopy(open, 0, HOUR_SHARE, 0, open.length);
    }

    private DemoHours() {
    }

    static boolean isOpen(Instant at) {
        return isOpen(at.atZone(PARIS));
    }

    static boolean isOpen(ZonedDateTime time) {
        return dayFactor(time.getDayOfWeek()) > 0 && HOUR_SHARE[time.getHour()] > 0;
    }

    /** How many of a usual weekday's visitors come on this day: none on Sundays. */
    static double dayFactor(DayOfWeek day) {
        return switch (day) {
            case MONDAY -> 0.8;
            case TUESDAY, THURSDAY -> 1.0;
            case WEDNESDAY -> 1.15; // children's afternoon off: families come
            case FRIDAY -> 0.9;
            case SATURDAY -> 0.6;
            case SUNDAY -> 0;
        };
    }

    /** Expected arrivals per hour at this moment, for a place receiving {@code perDay} on a usual weekday. */
    static double arrivalsPerHour(Instant at, double perDay) {
        ZonedDateTime local = at.atZone(PARIS);
        return perDay * dayFactor(local.getDayOfWeek()) * HOUR_SHARE[local.getHour()];
    }
}
