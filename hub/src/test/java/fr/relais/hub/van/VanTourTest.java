package fr.relais.hub.van;

import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.hub.place.Commune;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tour's occurrences across months, the last Friday, a clock change, and the exceptions. */
class VanTourTest {
    static final Map<String, Commune> COMMUNES = Map.of(
            "parfondeval", new Commune("parfondeval", "Parfondeval", 49.7311, 4.1572, true),
            "dohis", new Commune("dohis", "Dohis", 49.7744, 4.1506, true),
            "archon", new Commune("archon", "Archon", 49.7397, 4.1144, true));
    static final VanStop FIRST_TUESDAY = new VanStop("s1", "parfondeval", "place de la mairie", DayOfWeek.TUESDAY, 1,
            LocalTime.of(9, 0), LocalTime.of(12, 0), LocalDate.parse("2026-09-01"), null, null);
    static final VanStop LAST_FRIDAY = new VanStop("s2", "dohis", "devant l'église", DayOfWeek.FRIDAY, -1,
            LocalTime.of(14, 0), LocalTime.of(17, 0), LocalDate.parse("2026-09-01"), LocalDate.parse("2027-01-31"), null);

    private static List<String> starts(List<Visit> visits) {
        return visits.stream().map(v -> v.start().toOffsetDateTime().toString() + " " + v.status()).toList();
    }

    @Test
    void aFirstTuesdayKeepsNineOClockLocalAcrossTheOctoberChange() {
        VanTour tour = new VanTour(List.of(FIRST_TUESDAY), List.of(), COMMUNES);
        assertThat(starts(tour.visits(LocalDate.parse("2026-09-01"), LocalDate.parse("2027-01-31"), null)))
                .containsExactly("2026-09-01T09:00+02:00 planned", "2026-10-06T09:00+02:00 planned",
                        "2026-11-03T09:00+01:00 planned", "2026-12-01T09:00+01:00 planned",
                        "2027-01-05T09:00+01:00 planned");
    }

    @Test
    void theLastFridayIsTheLastOfEachMonthAndStopsAtValidUntil() {
        VanTour tour = new VanTour(List.of(LAST_FRIDAY), List.of(), COMMUNES);
        // October 2026 has five Fridays (the 30th is the last); January 2027 too (the 29th); March 2027 is past validUntil.
        assertThat(starts(tour.visits(LocalDate.parse("2026-10-01"), LocalDate.parse("2027-03-31"), "dohis")))
                .containsExactly("2026-10-30T14:00+01:00 planned", "2026-11-27T14:00+01:00 planned",
                        "2026-12-25T14:00+01:00 planned", "2027-01-29T14:00+01:00 planned");
        assertThat(tour.visits(LocalDate.parse("2026-10-01"), LocalDate.parse("2027-03-31"), "parfondeval")).isEmpty();
    }

    @Test
    void exceptionsCancelMoveAddAndCloseAWholeDay() {
        VanTour tour = new VanTour(List.of(FIRST_TUESDAY, LAST_FRIDAY), List.of(
                new VanException("e1", "cancelled", LocalDate.parse("2026-11-03"), "s1", null, null, null, null, null,
                        "Panne du bus"),
                new VanException("e2", "moved", LocalDate.parse("2026-12-01"), "s1", null, LocalDate.parse("2026-12-02"),
                        LocalTime.of(14, 0), LocalTime.of(16, 0), "salle des fêtes", "Marché"),
                new VanException("e3", "closed", LocalDate.parse("2026-12-25"), null, null, null, null, null, null, "Noël"),
                new VanException("e4", "added", LocalDate.parse("2026-12-10"), null, "archon", null, LocalTime.of(10, 0),
                        LocalTime.of(11, 30), "mairie", "Permanence impôts")), COMMUNES);
        List<Visit> visits = tour.visits(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-12-31"), null);
        assertThat(starts(visits)).containsExactly("2026-11-03T09:00+01:00 cancelled", "2026-11-27T14:00+01:00 planned",
                "2026-12-02T14:00+01:00 moved", "2026-12-10T10:00+01:00 added", "2026-12-25T14:00+01:00 cancelled");
        assertThat(visits.get(0).note()).isEqualTo("Panne du bus");
        assertThat(visits.get(2).place()).isEqualTo("salle des fêtes");
        assertThat(visits.get(2).end().toLocalTime()).isEqualTo(LocalTime.of(16, 0));
        assertThat(visits.get(3).communeName()).isEqualTo("Archon");
        assertThat(visits.get(3).stopId()).isNull();
        assertThat(visits.get(4).note()).isEqualTo("Noël");
        // A visit moved out of the range is not in it; moved into it, it is.
        assertThat(starts(tour.visits(LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-01"), null))).isEmpty();
        assertThat(starts(tour.visits(LocalDate.parse("2026-12-02"), LocalDate.parse("2026-12-02"), "parfondeval")))
                .containsExactly("2026-12-02T14:00+01:00 moved");
    }
}
