package fr.relais.agent.device.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import fr.relais.agent.config.DeviceConfig;
import fr.relais.agent.device.Device;
import fr.relais.agent.device.DeviceEvent;
import fr.relais.agent.device.Reading;
import fr.relais.agent.device.gpio.DailyCount;
import fr.relais.agent.device.gpio.PeopleCounterDriver;
import fr.relais.protocol.DeviceKind;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo's entrance counter: a week that looks like a place's week, the same at every run. */
class SimulatedPeopleCounterTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** Monday 30 November 2026, midnight in Paris. */
    private static final Instant MONDAY = ZonedDateTime.of(2026, 11, 30, 0, 0, 0, 0, PARIS).toInstant();

    private static Device counter(String node, Map<String, Object> more) {
        Map<String, Object> settings = new HashMap<>(more);
        settings.put(SimulatedDriver.SIMULATES, PeopleCounterDriver.NAME);
        return SimulatedDevices.create(node, new DeviceConfig("compteur-entree", DeviceKind.PRESENCE_SENSOR,
                "Compteur des entrées", DeviceConfig.SIMULATED, Duration.ofSeconds(60), DeviceConfig.DEFAULT_READ_TIMEOUT,
                settings));
    }

    private record Event(Instant at, DeviceEvent event) {
    }

    /** A reading every minute for {@code days} days from Monday. */
    private static List<Event> run(Device counter, int days) {
        List<Event> events = new ArrayList<>();
        for (long minute = 0; minute < days * 24L * 60; minute++) {
            Instant at = MONDAY.plus(Duration.ofMinutes(minute));
            counter.read(at).events().forEach(event -> events.add(new Event(at, event)));
        }
        return events;
    }

    @Test
    void theSameNodeTellsTheSameWeekAndAnotherNodeAnother() {
        List<DeviceEvent> rozoy = run(counter("rozoy-pi", Map.of()), 7).stream().map(Event::event).toList();
        List<DeviceEvent> again = run(counter("rozoy-pi", Map.of()), 7).stream().map(Event::event).toList();
        List<DeviceEvent> montcornet = run(counter("montcornet-pi", Map.of()), 7).stream().map(Event::event).toList();

        assertThat(again).isEqualTo(rozoy);
        assertThat(montcornet).isNotEqualTo(rozoy);
    }

    @Test
    void visitorsComeWhileOpenMoreInTheMorningNeverOnSundayAndAllLeaveByClosingTime() {
        Device counter = counter("rozoy-pi", Map.of("visitorsPerDay", 80L));
        List<Event> week = run(counter, 7);
        Map<DayOfWeek, Integer> entriesByDay = new EnumMap<>(DayOfWeek.class);
        int morning = 0;
        int afternoon = 0;
        for (Event event : week) {
            ZonedDateTime local = event.at().atZone(PARIS);
            String type = event.event().type();
            if (type.equals(DailyCount.ENTRY)) {
                assertThat(DemoHours.isOpen(local)).as("an entry at %s", local).isTrue();
                entriesByDay.merge(local.getDayOfWeek(), 1, Integer::sum);
                if (local.getHour() < 12) {
                    morning++;
                } else {
                    afternoon++;
                }
            }
        }
        assertThat(entriesByDay).doesNotContainKey(DayOfWeek.SUNDAY);
        assertThat(entriesByDay.keySet()).containsExactly(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
                DayOfWeek.THURSDAY, DayOfWeek.FRIDAY, DayOfWeek.SATURDAY);
        // Three morning hours against four in the afternoon, yet more visitors per hour in the morning.
        assertThat(morning / 3.0).isGreaterThan(afternoon / 4.0);
        int total = entriesByDay.values().stream().mapToInt(Integer::intValue).sum();
        // 80 on a usual weekday, the week's day factors sum to 5.45: about 436, give or take chance.
        assertThat(total).isBetween(330, 540);
        assertThat(entriesByDay.get(DayOfWeek.SATURDAY)).isLessThan(entriesByDay.get(DayOfWeek.WEDNESDAY));

        long exits = week.stream().filter(event -> event.event().type().equals(DailyCount.EXIT)).count();
        assertThat(exits).as("everyone who came in went out").isEqualTo(total);
        Reading night = counter.read(MONDAY.plus(Duration.ofDays(7)).plus(Duration.ofHours(1)));
        assertThat(night.metrics()).containsEntry("present", 0L).containsEntry("unmatchedExits", 0L);
        // An event carries the running counts, as the real counter's do.
        DeviceEvent lastEntry = week.stream().map(Event::event).filter(event -> event.type().equals(DailyCount.ENTRY))
                .reduce((first, second) -> second).orElseThrow();
        assertThat(lastEntry.data()).containsKeys("present", "entries", "exits");
    }

    @Test
    void theCountsStartAgainEachNightAtTheResetTime() {
        List<Event> days = run(counter("rozoy-pi", Map.of("resetAt", "03:00")), 3);
        List<Event> resets = days.stream().filter(event -> event.event().type().equals(DailyCount.RESET)).toList();

        assertThat(resets).extracting(event -> event.at().atZone(PARIS).toLocalTime().toString())
                .containsExactly("03:00", "03:00", "03:00");
        assertThat(resets.get(0).event().data()).as("Sunday night: nothing counted since the start")
                .containsEntry("entries", 0L);
        assertThat((Long) resets.get(1).event().data().get("entries")).as("Monday's visitors, reset on Tuesday night")
                .isPositive();
        assertThat(resets.get(1).event().data()).as("nobody is left inside at night").containsEntry("present", 0L);
    }

    @Test
    void eachNodeHasItsOwnVolume() {
        SimulatedPeopleCounter rozoy = (SimulatedPeopleCounter) counter("rozoy-pi", Map.of());
        SimulatedPeopleCounter dizy = (SimulatedPeopleCounter) counter("dizy-le-gros-pi", Map.of());
        assertThat(rozoy.visitorsPerDay()).isBetween(25.0, 70.0).isNotEqualTo(dizy.visitorsPerDay());
    }

    @Test
    void aReadingAfterALongPauseDoesNotPourInAWholeMorning() {
        Device counter = counter("rozoy-pi", Map.of("visitorsPerDay", 5_000L));
        Instant tuesday9 = MONDAY.plus(Duration.ofDays(1)).plus(Duration.ofHours(9));
        counter.read(tuesday9);
        long entries = counter.read(tuesday9.plus(Duration.ofHours(3)).minusSeconds(60)).events().stream()
                .filter(event -> event.type().equals(DailyCount.ENTRY)).count();
        // 5 000 a day, 15 % of them between 11:00 and 12:00: about 190 in 15 minutes, not 2 600 for the morning.
        assertThat(entries).isBetween(120L, 260L);
    }

    @Test
    void badSettingsAreRefusedNamingTheField() {
        assertThatIllegalArgumentException().isThrownBy(() -> counter("n", Map.of("visitorsPerDay", -3L)))
                .withMessage("settings.visitorsPerDay must be between 0 and 5000, got -3");
        assertThatIllegalArgumentException().isThrownBy(() -> counter("n", Map.of("visitorsPerDay", "beaucoup")))
                .withMessageContaining("settings.visitorsPerDay must be a number");
        assertThatIllegalArgumentException().isThrownBy(() -> counter("n", Map.of("resetAt", "minuit")))
                .withMessage("settings.resetAt 'minuit' is not a time of day such as 04:00");
        assertThatIllegalArgumentException().isThrownBy(() -> SimulatedDevices.create("n", new DeviceConfig("c",
                        DeviceKind.PRESENCE_SENSOR, "C", DeviceConfig.SIMULATED, Duration.ofSeconds(60),
                        DeviceConfig.DEFAULT_READ_TIMEOUT, Map.of(SimulatedDriver.SIMULATES, "gpio-door"))))
                .withMessageContaining("settings.simulates 'gpio-door' is not a presence sensor's driver");
    }
}
