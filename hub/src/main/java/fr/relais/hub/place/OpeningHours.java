package fr.relais.hub.place;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A place's weekly hours and dated exceptions, and what they mean at an instant: open now (until
 * when), or when it opens next. Local times are the place's ({@link #ZONE}); a period is turned
 * into instants by java.time, so the days the clocks change have their real length.
 */
public record OpeningHours(List<WeeklyPeriod> weekly, List<HoursException> exceptions) {
    public static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    /** How far ahead "opens at" looks: a place closed longer than that says nothing. */
    static final int LOOK_AHEAD_DAYS = 62;

    public OpeningHours {
        weekly = weekly.stream().sorted(Comparator.comparing(WeeklyPeriod::day).thenComparing(WeeklyPeriod::opens))
                .toList();
        exceptions = exceptions.stream().sorted(Comparator.comparing(HoursException::date)).toList();
    }

    /** Open at {@code now} and until when, or closed and when it opens next (null: not within two months). */
    public record Now(boolean open, ZonedDateTime closesAt, ZonedDateTime opensAt) {
    }

    /** A period of one day turned into local date-times. */
    public record Span(ZonedDateTime opens, ZonedDateTime closes) {
    }

    public Now at(Instant now) {
        LocalDate today = now.atZone(ZONE).toLocalDate();
        // Yesterday too: nothing runs past midnight today, but looking costs nothing.
        for (LocalDate day = today.minusDays(1); !day.isAfter(today.plusDays(LOOK_AHEAD_DAYS)); day = day.plusDays(1)) {
            for (Span span : spans(day)) {
                if (!span.closes.toInstant().isAfter(now)) {
                    continue;
                }
                if (!span.opens.toInstant().isAfter(now)) {
                    return new Now(true, span.closes, null);
                }
                return new Now(false, null, span.opens);
            }
        }
        return new Now(false, null, null);
    }

    /** The periods of a day: its exception's if it has one, else the weekday's. */
    public List<Span> spans(LocalDate day) {
        Optional<HoursException> exception = exceptions.stream().filter(e -> e.date().equals(day)).findFirst();
        if (exception.isPresent()) {
            HoursException e = exception.get();
            return e.closed() ? List.of() : List.of(span(day, e.opens(), e.closes()));
        }
        return weekly.stream().filter(p -> p.day() == day.getDayOfWeek()).map(p -> span(day, p.opens(), p.closes()))
                .toList();
    }

    private static Span span(LocalDate day, java.time.LocalTime opens, java.time.LocalTime closes) {
        return new Span(ZonedDateTime.of(day, opens, ZONE), ZonedDateTime.of(day, closes, ZONE));
    }
}
