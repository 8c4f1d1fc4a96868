package fr.relais.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import fr.relais.kiosk.content.Times;
import fr.relais.kiosk.sample.SampleContent;
import fr.relais.protocol.content.PlaceContent;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which day's room hours the coworking kiosk offers, and which are free. */
class RoomHoursTest {
    /** Monday to Friday 9–12 and 14–17, Saturday 9–12, closed on Sundays and Christmas day. */
    private final PlaceContent.Hours hours = SampleContent.forKind("coworking", java.time.Instant.parse(
            "2026-12-01T08:00:00Z")).hours();
    private final PlaceContent.Room room = new PlaceContent.Room("salle", "Salle", 0, List.of(
            new PlaceContent.Taken("2026-12-01T10:00:00+01:00", "2026-12-01T11:00:00+01:00"),
            new PlaceContent.Taken("2026-12-02T09:00:00+01:00", "2026-12-02T12:00:00+01:00")));

    @Test
    void duringTheDayTodaysFreeHoursStillToComeAreOffered() {
        ZonedDateTime now = at("2026-12-01T09:30");
        assertThat(RoomHours.offeredDay(hours, now)).contains(LocalDate.of(2026, 12, 1));
        assertThat(RoomHours.free(hours, room, now.toLocalDate(), now)).extracting(t -> t.toLocalTime().toString())
                .as("10 h is taken, 9 h has begun").containsExactly("11:00", "14:00", "15:00", "16:00");
        assertThat(RoomHours.taken(room, now.toLocalDate())).hasSize(1);
        assertThat(RoomHours.dayText(now.toLocalDate(), now.toLocalDate())).isEqualTo("aujourd'hui");
    }

    @Test
    void inTheEveningTheNextDayIsOfferedWithItsOwnBookings() {
        ZonedDateTime now = at("2026-12-01T18:30");
        LocalDate tomorrow = LocalDate.of(2026, 12, 2);
        assertThat(RoomHours.offeredDay(hours, now)).contains(tomorrow);
        assertThat(RoomHours.free(hours, room, tomorrow, now)).extracting(t -> t.toLocalTime().toString())
                .as("the morning is taken").containsExactly("14:00", "15:00", "16:00");
        assertThat(RoomHours.taken(room, tomorrow)).hasSize(1);
        assertThat(plain(RoomHours.dayText(tomorrow, now.toLocalDate()))).isEqualTo("demain, mercredi 2 décembre");
    }

    @Test
    void onASaturdayAfternoonTheNextOpenDayIsMonday() {
        ZonedDateTime now = at("2026-12-05T13:00");
        assertThat(RoomHours.offeredDay(hours, now)).contains(LocalDate.of(2026, 12, 7));
        assertThat(plain(RoomHours.dayText(LocalDate.of(2026, 12, 7), now.toLocalDate()))).isEqualTo("lundi 7 décembre");
    }

    @Test
    void unknownHoursOfferEightToSevenEveryDay() {
        PlaceContent.Hours unknown = new PlaceContent.Hours(List.of(), List.of());
        ZonedDateTime sunday = at("2026-12-06T17:30");
        assertThat(RoomHours.offeredDay(unknown, sunday)).contains(sunday.toLocalDate());
        assertThat(RoomHours.free(unknown, room, sunday.toLocalDate(), sunday)).extracting(t -> t.toLocalTime().toString())
                .containsExactly("18:00");
        assertThat(RoomHours.offeredDay(unknown, at("2026-12-06T18:30"))).contains(LocalDate.of(2026, 12, 7));
    }

    @Test
    void aPlaceClosedForMoreThanAWeekOffersNothing() {
        PlaceContent.Hours closed = new PlaceContent.Hours(List.of(new PlaceContent.Period("MONDAY", "09:00", "12:00")),
                List.of(new PlaceContent.HoursException("2026-12-07", true, null, null, "Travaux"),
                        new PlaceContent.HoursException("2026-12-14", true, null, null, "Travaux")));
        assertThat(RoomHours.offeredDay(closed, at("2026-12-06T10:00"))).isEmpty();
    }

    private static ZonedDateTime at(String local) {
        return LocalDateTime.parse(local).atZone(Times.PARIS);
    }

    private static String plain(String text) {
        return text.replace('\u202f', ' ').replace('\u00a0', ' ');
    }
}
