package fr.relais.agent.device.kiosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpeningHoursTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Duration NO_MARGIN = Duration.ZERO;

    private static Instant paris(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(PARIS).toInstant();
    }

    private static OpeningHours hours(Map<DayOfWeek, String> days) {
        Map<DayOfWeek, List<OpeningHours.Range>> parsed = new java.util.EnumMap<>(DayOfWeek.class);
        days.forEach((day, text) -> parsed.put(day, OpeningHours.parseDay(text)));
        return new OpeningHours(parsed, PARIS);
    }

    @Test
    void openFromTheFirstMinuteToJustBeforeTheLast() {
        OpeningHours hours = hours(Map.of(DayOfWeek.MONDAY, "09:00-12:00,14:00-18:00"));

        assertThat(hours.isOpen(paris(2026, 11, 30, 8, 59), NO_MARGIN)).isFalse();
        assertThat(hours.isOpen(paris(2026, 11, 30, 9, 0), NO_MARGIN)).isTrue();
        assertThat(hours.isOpen(paris(2026, 11, 30, 11, 59), NO_MARGIN)).isTrue();
        assertThat(hours.isOpen(paris(2026, 11, 30, 12, 0), NO_MARGIN)).isFalse();
        assertThat(hours.isOpen(paris(2026, 11, 30, 15, 0), NO_MARGIN)).isTrue();
        assertThat(hours.isOpen(paris(2026, 12, 1, 10, 0), NO_MARGIN)).as("Tuesday is not listed: closed").isFalse();
    }

    @Test
    void theMarginReachesIntoTheDayBeforeAndAfter() {
        OpeningHours hours = hours(Map.of(DayOfWeek.MONDAY, "00:00-01:00", DayOfWeek.TUESDAY, "22:00-24:00"));
        Duration margin = Duration.ofMinutes(30);

        assertThat(hours.isOpen(paris(2026, 11, 29, 23, 45), margin)).as("Sunday night, before Monday's opening").isTrue();
        assertThat(hours.isOpen(paris(2026, 11, 29, 23, 15), margin)).isFalse();
        assertThat(hours.isOpen(paris(2026, 12, 1, 23, 59), NO_MARGIN)).as("until midnight").isTrue();
        assertThat(hours.isOpen(paris(2026, 12, 2, 0, 20), margin)).as("Wednesday, after Tuesday's closing").isTrue();
        assertThat(hours.isOpen(paris(2026, 12, 2, 0, 31), margin)).isFalse();
    }

    @Test
    void opensAtTheWallClockTimeOnTheDayTheClocksChange() {
        OpeningHours hours = hours(Map.of(DayOfWeek.SUNDAY, "09:00-12:00"));

        // 29 March 2026: Paris goes from UTC+1 to UTC+2 at 02:00.
        assertThat(hours.isOpen(Instant.parse("2026-03-29T07:00:00Z"), NO_MARGIN)).isTrue();
        assertThat(hours.isOpen(Instant.parse("2026-03-29T06:59:00Z"), NO_MARGIN)).isFalse();
    }

    @Test
    void aDayIsWrittenAsRangesOrClosed() {
        assertThat(OpeningHours.parseDay("closed")).isEmpty();
        assertThat(OpeningHours.parseDay("")).isEmpty();
        assertThat(OpeningHours.parseDay(" 9:00-12:00 , 14:00-18:30 ")).hasSize(2);
        assertThatIllegalArgumentException().isThrownBy(() -> OpeningHours.parseDay("09:00-12:00,"))
                .withMessageStartingWith("'' is not a range");
        assertThatIllegalArgumentException().isThrownBy(() -> OpeningHours.parseDay("22:00-02:00"))
                .withMessageContaining("end it at 24:00");
        assertThatIllegalArgumentException().isThrownBy(() -> OpeningHours.parseDay("24:00-24:00"))
                .withMessageContaining("'24:00' is not a time of day (00:00 to 23:59)");
    }
}
