package fr.relais.hub.van;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;

/**
 * The iCalendar feed read back by ical4j as a calendar application would: the recurrence expanded
 * across months and the October clock change gives 9:00 local each time, EXDATE takes out a
 * cancelled visit and a closed day, a moved visit is an override at its new time, an added visit
 * its own event.
 */
class TourCalendarTest {
    private static final Instant GENERATED = Instant.parse("2026-09-01T08:00:00Z");

    static VanTour tour() {
        return new VanTour(List.of(VanTourTest.FIRST_TUESDAY, VanTourTest.LAST_FRIDAY), List.of(
                new VanException("e1", "cancelled", LocalDate.parse("2026-11-03"), "s1", null, null, null, null, null,
                        "Panne du bus"),
                new VanException("e2", "moved", LocalDate.parse("2026-12-01"), "s1", null, LocalDate.parse("2026-12-02"),
                        LocalTime.of(14, 0), LocalTime.of(16, 0), "salle des fêtes", "Marché"),
                new VanException("e3", "closed", LocalDate.parse("2026-12-25"), null, null, null, null, null, null, "Noël"),
                new VanException("e4", "added", LocalDate.parse("2026-12-10"), null, "archon", null, LocalTime.of(10, 0),
                        LocalTime.of(11, 30), "mairie", "Permanence impôts")), VanTourTest.COMMUNES);
    }

    static Calendar parse(String text) throws Exception {
        return new CalendarBuilder().build(new StringReader(text));
    }

    /** The local start times of an event's occurrences from September 2026 to February 2027, EXDATEs applied. */
    static List<String> occurrences(VEvent event) {
        ZonedDateTime from = ZonedDateTime.of(2026, 9, 1, 0, 0, 0, 0, VanTour.ZONE);
        return event.<ZonedDateTime>calculateRecurrenceSet(new Period<>(from, from.plusMonths(6))).stream()
                .map(p -> p.getStart().withZoneSameInstant(VanTour.ZONE).toOffsetDateTime().toString()).sorted()
                .toList();
    }

    static Optional<String> value(VEvent event, String property) {
        return event.getProperty(property).map(Property::getValue);
    }

    @Test
    void theFeedParsesAndItsRecurrenceGivesNineOClockLocalAcrossTheClockChange() throws Exception {
        String text = TourCalendar.feed(tour(), null, true, GENERATED);
        Calendar calendar = parse(text);
        for (VEvent event : calendar.<VEvent>getComponents("VEVENT")) {
            assertThat(event.validate().getEntries()).as("what ical4j finds wrong in " + event).isEmpty();
        }
        assertThat(calendar.getProperty("X-WR-CALNAME").map(Property::getValue)).contains(
                "Tournée du bus France Services (exemple)");
        assertThat(calendar.getComponent("VTIMEZONE")).isPresent();
        assertThat(text).contains("DTSTART;TZID=Europe/Paris:20260901T090000", "RRULE:FREQ=MONTHLY;BYDAY=1TU",
                "RRULE:FREQ=MONTHLY;UNTIL=20270131T225959Z;BYDAY=-1FR");
        List<VEvent> events = calendar.getComponents("VEVENT");
        VEvent tuesday = events.stream().filter(e -> value(e, "UID").orElse("").startsWith("stop-s1@")
                && e.getProperty("RECURRENCE-ID").isEmpty()).findFirst().orElseThrow();
        assertThat(value(tuesday, "LOCATION")).contains("place de la mairie, Parfondeval");
        // September and October at +02:00, November on at +01:00: always 9:00 on the wall; 3 November
        // cancelled (EXDATE); 1 December overridden by its RECURRENCE-ID event below.
        assertThat(occurrences(tuesday)).containsExactly("2026-09-01T09:00+02:00", "2026-10-06T09:00+02:00",
                "2026-12-01T09:00+01:00", "2027-01-05T09:00+01:00", "2027-02-02T09:00+01:00");
        VEvent moved = events.stream().filter(e -> e.getProperty("RECURRENCE-ID").isPresent()).findFirst()
                .orElseThrow();
        assertThat(value(moved, "UID")).isEqualTo(value(tuesday, "UID"));
        assertThat(text).contains("RECURRENCE-ID;TZID=Europe/Paris:20261201T090000",
                "DTSTART;TZID=Europe/Paris:20261202T140000", "DTEND;TZID=Europe/Paris:20261202T160000");
        assertThat(value(moved, "LOCATION")).contains("salle des fêtes, Parfondeval");
        // The last Friday of each month; Christmas (a closed day) taken out by an EXDATE.
        VEvent friday = events.stream().filter(e -> value(e, "UID").orElse("").startsWith("stop-s2@")).findFirst()
                .orElseThrow();
        assertThat(occurrences(friday)).containsExactly("2026-09-25T14:00+02:00", "2026-10-30T14:00+01:00",
                "2026-11-27T14:00+01:00", "2027-01-29T14:00+01:00");
        VEvent added = events.stream().filter(e -> value(e, "UID").orElse("").startsWith("added-e4@")).findFirst()
                .orElseThrow();
        assertThat(occurrences(added)).containsExactly("2026-12-10T10:00+01:00");
        assertThat(value(added, "LOCATION")).contains("mairie, Archon");
        assertThat(value(added, "DESCRIPTION").orElse("")).contains("Exemple");
    }

    @Test
    void aCommuneFeedHoldsThatCommuneOnlyAndItsUidsAreStable() throws Exception {
        String first = TourCalendar.feed(tour(), VanTourTest.COMMUNES.get("dohis"), false, GENERATED);
        String again = TourCalendar.feed(tour(), VanTourTest.COMMUNES.get("dohis"), false, GENERATED.plusSeconds(3600));
        Calendar calendar = parse(first);
        assertThat(calendar.getProperty("X-WR-CALNAME").map(Property::getValue))
                .contains("Tournée du bus France Services – Dohis");
        List<VEvent> events = calendar.getComponents("VEVENT");
        assertThat(events).extracting(e -> value(e, "UID").orElseThrow()).containsExactly("stop-s2"
                + TourCalendar.UID_DOMAIN);
        assertThat(parse(again).<VEvent>getComponents("VEVENT")).extracting(e -> value(e, "UID").orElseThrow())
                .containsExactly("stop-s2" + TourCalendar.UID_DOMAIN);
        assertThat(first).doesNotContain("exemple");
    }
}
