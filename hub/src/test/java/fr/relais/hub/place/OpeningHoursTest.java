package fr.relais.hub.place;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** "Open now / opens at" in Europe/Paris, across both clock changes and with dated exceptions. */
class OpeningHoursTest {
    private static final List<WeeklyPeriod> WEEKLY = List.of(
            new WeeklyPeriod(DayOfWeek.SATURDAY, LocalTime.of(9, 0), LocalTime.of(12, 0)),
            new WeeklyPeriod(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(12, 0)),
            new WeeklyPeriod(DayOfWeek.MONDAY, LocalTime.of(14, 0), LocalTime.of(17, 30)),
            new WeeklyPeriod(DayOfWeek.SUNDAY, LocalTime.of(1, 0), LocalTime.of(4, 0)));

    private static ZonedDateTime paris(String local) {
        return java.time.LocalDateTime.parse(local).atZone(OpeningHours.ZONE);
    }

    @Test
    void saysOpenUntilWhenAndOpensAtWithTheRightOffsetAroundTheSpringChange() {
        OpeningHours hours = new OpeningHours(WEEKLY, List.of());
        // Saturday 28 March 2026, 10:00 (+01:00): open until 12:00 the same day.
        OpeningHours.Now saturday = hours.at(paris("2026-03-28T10:00").toInstant());
        assertThat(saturday.open()).isTrue();
        assertThat(saturday.closesAt().toOffsetDateTime().toString()).isEqualTo("2026-03-28T12:00+01:00");
        // After closing: the next opening is Sunday 29 March 01:00 +01:00 (the clocks jump at 02:00).
        OpeningHours.Now evening = hours.at(paris("2026-03-28T18:00").toInstant());
        assertThat(evening.open()).isFalse();
        assertThat(evening.opensAt().toOffsetDateTime().toString()).isEqualTo("2026-03-29T01:00+01:00");
        // Sunday 29 March at 03:30 local summer time (+02:00): only 1 h 30 after 01:00 really, still open until 04:00 +02:00.
        OpeningHours.Now night = hours.at(paris("2026-03-29T03:30").toInstant());
        assertThat(night.open()).isTrue();
        assertThat(night.closesAt().toOffsetDateTime().toString()).isEqualTo("2026-03-29T04:00+02:00");
        // Then Monday 30 March 09:00, summer time.
        OpeningHours.Now sunday = hours.at(paris("2026-03-29T12:00").toInstant());
        assertThat(sunday.opensAt().toOffsetDateTime().toString()).isEqualTo("2026-03-30T09:00+02:00");
    }

    @Test
    void theAutumnChangeKeepsLocalHoursAndTheRepeatedHourCountsOnce() {
        OpeningHours hours = new OpeningHours(WEEKLY, List.of());
        // Sunday 25 October 2026: 02:00–03:00 happens twice; 02:30 at the first offset (+02:00) is open.
        ZonedDateTime twoThirtyFirst = ZonedDateTime.ofLocal(java.time.LocalDateTime.parse("2026-10-25T02:30"),
                OpeningHours.ZONE, java.time.ZoneOffset.ofHours(2));
        OpeningHours.Now first = hours.at(twoThirtyFirst.toInstant());
        assertThat(first.open()).isTrue();
        assertThat(first.closesAt().toOffsetDateTime().toString()).isEqualTo("2026-10-25T04:00+01:00");
        // Monday 26 October, 08:00 winter time: opens at 09:00 +01:00.
        OpeningHours.Now monday = hours.at(paris("2026-10-26T08:00").toInstant());
        assertThat(monday.open()).isFalse();
        assertThat(monday.opensAt().toOffsetDateTime().toString()).isEqualTo("2026-10-26T09:00+01:00");
        // Between the two periods of a Monday: closed, opens at 14:00.
        OpeningHours.Now lunch = hours.at(paris("2026-10-26T12:30").toInstant());
        assertThat(lunch.open()).isFalse();
        assertThat(lunch.opensAt().toOffsetDateTime().toString()).isEqualTo("2026-10-26T14:00+01:00");
    }

    @Test
    void anExceptionClosesADayOrGivesItOtherHours() {
        OpeningHours hours = new OpeningHours(WEEKLY, List.of(
                new HoursException("x1", LocalDate.parse("2026-12-28"), true, null, null, "Fermeture"),
                new HoursException("x2", LocalDate.parse("2026-12-26"), false, LocalTime.of(10, 0),
                        LocalTime.of(11, 0), "Lendemain de Noël")));
        // Saturday 26 December: 10:00–11:00 only, so 09:30 is closed and it opens at 10:00.
        OpeningHours.Now saturday = hours.at(paris("2026-12-26T09:30").toInstant());
        assertThat(saturday.open()).isFalse();
        assertThat(saturday.opensAt().toOffsetDateTime().toString()).isEqualTo("2026-12-26T10:00+01:00");
        assertThat(hours.at(paris("2026-12-26T11:30").toInstant()).open()).isFalse();
        // Monday 28 December is closed: after Sunday night, the next opening is Saturday 2 January... or Sunday 1 a.m.
        OpeningHours.Now monday = hours.at(paris("2026-12-28T10:00").toInstant());
        assertThat(monday.open()).isFalse();
        assertThat(monday.opensAt().toOffsetDateTime().toString()).isEqualTo("2027-01-02T09:00+01:00");
    }

    @Test
    void aPlaceWithoutHoursIsClosedAndSaysNoOpening() {
        OpeningHours.Now now = new OpeningHours(List.of(), List.of()).at(paris("2026-12-01T10:00").toInstant());
        assertThat(now.open()).isFalse();
        assertThat(now.opensAt()).isNull();
        assertThat(now.closesAt()).isNull();
    }
}
