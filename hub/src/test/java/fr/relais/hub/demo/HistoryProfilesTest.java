package fr.relais.hub.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.relais.hub.demo.HistoryProfiles.Hour;
import fr.relais.hub.demo.HistoryProfiles.Link;
import fr.relais.hub.demo.HistoryProfiles.Opening;
import fr.relais.hub.demo.HistoryProfiles.Place;
import fr.relais.hub.demo.HistoryProfiles.ProbeReading;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The simulation's figures: only in opening hours, the same from the same seed, and in plausible ranges. */
class HistoryProfilesTest {
    private static final LocalDate TUESDAY = LocalDate.parse("2026-11-17");
    private static final long START = Instant.parse("2026-10-01T00:00:00Z").toEpochMilli();

    /** Rozoy's hours: 9-12 and 13:30-17:30 on Tuesdays, and Christmas Day closed. */
    private static Place rozoy(int rooms, boolean coworking) {
        List<Opening> day = List.of(new Opening(LocalTime.of(9, 0), LocalTime.NOON),
                new Opening(LocalTime.of(13, 30), LocalTime.of(17, 30)));
        return new Place("rozoy", Map.of(DayOfWeek.MONDAY, day, DayOfWeek.TUESDAY, day),
                Map.of(LocalDate.parse("2026-12-22"), List.of()), rooms, coworking);
    }

    @Test
    void aPlaceHasVisitorsInItsOpeningHoursOnlyAndEveryoneLeaves() {
        List<Hour> hours = HistoryProfiles.occupancy(rozoy(0, false), TUESDAY);

        assertThat(hours).extracting(Hour::hour).containsExactly(9, 10, 11, 13, 14, 15, 16, 17);
        assertThat(hours.stream().mapToLong(Hour::entries).sum()).isPositive()
                .isEqualTo(hours.stream().mapToLong(Hour::exits).sum());
        assertThat(hours).allSatisfy(hour -> {
            assertThat(hour.roomMinutes()).as("no rooms").isZero();
            assertThat(hour.coworkerCheckins()).as("not a coworking place").isZero();
        });
        assertThat(HistoryProfiles.occupancy(rozoy(0, false), TUESDAY.plusDays(1))).as("closed on Wednesdays").isEmpty();
        assertThat(HistoryProfiles.occupancy(rozoy(0, false), LocalDate.parse("2026-12-22")))
                .as("an exception closes the day").isEmpty();
    }

    @Test
    void roomsAndCoworkersAppearWhereThePlaceHasThem() {
        long roomMinutes = 0;
        long checkins = 0;
        for (int week = 0; week < 8; week++) {
            for (Hour hour : HistoryProfiles.occupancy(rozoy(2, true), TUESDAY.minusWeeks(week))) {
                assertThat(hour.roomMinutes()).as("two rooms, an hour each at most").isBetween(0L, 120L);
                roomMinutes += hour.roomMinutes();
                checkins += hour.coworkerCheckins();
            }
        }
        assertThat(roomMinutes).isPositive();
        assertThat(checkins).isPositive();
    }

    @Test
    void theSameSeedGivesTheSameFiguresAndAnotherDayOthers() {
        assertThat(HistoryProfiles.occupancy(rozoy(1, true), TUESDAY))
                .isEqualTo(HistoryProfiles.occupancy(rozoy(1, true), TUESDAY))
                .isNotEqualTo(HistoryProfiles.occupancy(rozoy(1, true), TUESDAY.minusWeeks(1)));
        long minute = START + 12_345 * HistoryProfiles.MINUTE;
        for (String metric : List.of("cpuTemperatureC", "outboxDepth", "tonerPercent", "pagesPrinted",
                "latencyMedianMs", "throughputMbps")) {
            assertThat(HistoryProfiles.value("rozoy-pi", "d", "x", Link.ADSL, metric, minute)).as(metric)
                    .isEqualTo(HistoryProfiles.value("rozoy-pi", "d", "x", Link.ADSL, metric, minute));
        }
        assertThatThrownBy(() -> HistoryProfiles.value("n", "d", "x", Link.ADSL, "humidity", minute))
                .hasMessageContaining("humidity");
    }

    @Test
    void mondaysAndSchoolHolidaysAreQuieter() {
        long mondays = 0;
        long tuesdays = 0;
        long holidayTuesdays = 0;
        long termTuesdays = 0;
        LocalDate monday = LocalDate.parse("2025-01-06");
        for (int week = 0; week < 104; week++) {
            LocalDate day = monday.plusWeeks(week);
            mondays += entries(day);
            long tuesday = entries(day.plusDays(1));
            tuesdays += tuesday;
            if (SchoolHolidays.on(day.plusDays(1))) {
                holidayTuesdays += tuesday;
            } else {
                termTuesdays += tuesday;
            }
        }
        assertThat(mondays).isLessThan(tuesdays * 8 / 10);
        long holidayWeeks = java.util.stream.IntStream.range(0, 104)
                .filter(week -> SchoolHolidays.on(monday.plusWeeks(week).plusDays(1))).count();
        assertThat(holidayWeeks).isBetween(20L, 40L);
        assertThat((double) holidayTuesdays / holidayWeeks).isLessThan(0.85 * termTuesdays / (104 - holidayWeeks));
        assertThat(SchoolHolidays.on(LocalDate.parse("2026-08-10"))).isTrue();
        assertThat(SchoolHolidays.on(LocalDate.parse("2027-01-02"))).as("across the new year").isTrue();
        assertThat(SchoolHolidays.on(LocalDate.parse("2026-11-17"))).isFalse();
    }

    @Test
    void probesReadInTheRangesOfTheirLink() {
        for (int i = 0; i < 2_000; i++) {
            long minute = START + i * 5 * HistoryProfiles.MINUTE;
            ProbeReading fibre = HistoryProfiles.probe(Link.FIBRE, 1, minute);
            assertThat(fibre.latencyMs()).isBetween(5.0, 15.0);
            assertThat(fibre.throughputMbps()).isBetween(300.0, 900.0);
            assertThat(fibre.lossPercent()).isBetween(0.0, 1.0);
            ProbeReading adsl = HistoryProfiles.probe(Link.ADSL, 2, minute);
            assertThat(adsl.latencyMs()).isBetween(25.0, 60.0);
            assertThat(adsl.throughputMbps()).isBetween(2.0, 15.0);
            assertThat(adsl.lossPercent()).isBetween(0.0, 7.0);
            ProbeReading fourG = HistoryProfiles.probe(Link.FOUR_G, 3, minute);
            assertThat(fourG.latencyMs()).isBetween(40.0, 90.0);
            assertThat(fourG.throughputMbps()).isBetween(10.0, 80.0);
            assertThat(fourG.lossPercent()).isBetween(0.0, 11.0);
        }
        ProbeReading adsl = HistoryProfiles.monthMedians(Link.ADSL, 42);
        assertThat(adsl.lossPercent()).as("some loss, but not most of the time").isZero();
        assertThat(adsl.throughputMbps()).isBetween(6.0, 11.0);
        assertThat(HistoryProfiles.monthMedians(Link.FIBRE, 42).throughputMbps()).isBetween(500.0, 700.0);
        assertThat(Link.FOUR_G.wire()).isEqualTo("4g");
        assertThat(HistoryProfiles.metrics("probe")).containsExactly("latencyMedianMs", "lossPercent", "throughputMbps");
        assertThat(HistoryProfiles.everyMinutes("probe")).isEqualTo(5);
        assertThat(HistoryProfiles.metrics("door")).isEmpty();
    }

    @Test
    void tonerFallsAndIsReplacedPagesGrowTheNodeWarmsByDayAndItsOutboxEmptiesAfterOutages() {
        double previousToner = HistoryProfiles.value("n", "imprimante", "printer", Link.ADSL, "tonerPercent", START);
        double previousPages = HistoryProfiles.value("n", "imprimante", "printer", Link.ADSL, "pagesPrinted", START);
        int replacements = 0;
        long outageHours = 0;
        for (long hour = 1; hour < 90 * 24; hour++) {
            long at = START + hour * HistoryProfiles.HOUR;
            double toner = HistoryProfiles.value("n", "imprimante", "printer", Link.ADSL, "tonerPercent", at);
            assertThat(toner).isBetween(3.0, 100.0);
            if (toner > previousToner + 10) {
                replacements++;
            } else {
                assertThat(toner).as("toner only falls between replacements").isLessThanOrEqualTo(previousToner);
            }
            previousToner = toner;
            double pages = HistoryProfiles.value("n", "imprimante", "printer", Link.ADSL, "pagesPrinted", at);
            assertThat(pages).isGreaterThan(previousPages);
            previousPages = pages;
            assertThat(HistoryProfiles.value("n", "", "", Link.ADSL, "cpuTemperatureC", at)).isBetween(38.0, 54.0);
            double outbox = HistoryProfiles.value("n", "", "", Link.ADSL, "outboxDepth", at);
            assertThat(outbox).isBetween(0.0, 6.0 * 180);
            outageHours += outbox > 0 ? 1 : 0;
        }
        assertThat(replacements).as("a cartridge lasts 20 to 45 days").isBetween(1, 5);
        assertThat(outageHours).as("some outages, mostly none").isPositive().isLessThan(90 * 24 / 10);
        long afternoon = START + 14 * HistoryProfiles.HOUR;
        long night = START + 3 * HistoryProfiles.HOUR;
        assertThat(HistoryProfiles.value("n", "", "", Link.ADSL, "cpuTemperatureC", afternoon))
                .isGreaterThan(HistoryProfiles.value("n", "", "", Link.ADSL, "cpuTemperatureC", night));
    }

    private static long entries(LocalDate day) {
        return HistoryProfiles.occupancy(rozoy(0, false), day).stream().mapToLong(Hour::entries).sum();
    }
}
