package fr.relais.agent.device.gpio;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * How long a room was occupied in the current clock hour and in the previous one. Hours are UTC
 * hours, which are also the hours of Europe/Paris (its offset is a whole number of hours). Pure:
 * the caller says until when the room was in which state.
 */
final class HourlyTally {
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration OUT_OF_ORDER = Duration.ofSeconds(5);

    private Instant hourStart;
    private Instant accountedTo;
    private Duration thisHour = Duration.ZERO;
    private Duration lastHour = Duration.ZERO;

    HourlyTally(Instant now) {
        this.hourStart = now.truncatedTo(ChronoUnit.HOURS);
        this.accountedTo = now;
    }

    /** The room was (or was not) occupied from the last call until {@code to}. */
    void advance(Instant to, boolean occupied) {
        if (to.isBefore(accountedTo)) {
            if (Duration.between(to, accountedTo).compareTo(OUT_OF_ORDER) < 0) {
                // Two callers' times crossing (a tick and a motion): nothing to count.
                return;
            }
            // The clock went back (a Pi with no RTC being set): count nothing twice.
            accountedTo = to;
            if (to.isBefore(hourStart)) {
                hourStart = to.truncatedTo(ChronoUnit.HOURS);
                thisHour = Duration.ZERO;
            }
            return;
        }
        Instant toHour = to.truncatedTo(ChronoUnit.HOURS);
        if (toHour.isAfter(hourStart)) {
            Instant hourEnd = hourStart.plus(HOUR);
            if (toHour.equals(hourEnd)) {
                lastHour = occupied ? thisHour.plus(Duration.between(accountedTo, hourEnd)) : thisHour;
            } else {
                lastHour = occupied ? HOUR : Duration.ZERO;
            }
            thisHour = Duration.ZERO;
            hourStart = toHour;
            accountedTo = toHour;
        }
        if (occupied) {
            thisHour = thisHour.plus(Duration.between(accountedTo, to));
        }
        accountedTo = to;
    }

    double minutesThisHour() {
        return minutes(thisHour);
    }

    double minutesLastHour() {
        return minutes(lastHour);
    }

    private static double minutes(Duration duration) {
        return Math.round(duration.toMillis() / 6_000.0) / 10.0;
    }
}
