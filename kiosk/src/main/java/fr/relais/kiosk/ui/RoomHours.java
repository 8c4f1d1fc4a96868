package fr.relais.kiosk.ui;

import fr.relais.kiosk.content.OpeningHours;
import fr.relais.kiosk.content.Times;
import fr.relais.protocol.content.PlaceContent;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which day's hours of the rooms the coworking kiosk offers, and which are free. Today while an
 * hour is left; in the evening or on a closed day, the next day the place opens, so that a
 * coworker leaving at 18 h can book tomorrow morning's room.
 */
final class RoomHours {
    /** Rooms are offered by the hour within the place's hours, or 8 h – 19 h when they are unknown. */
    static final LocalTime DAY_START = LocalTime.of(8, 0);
    static final LocalTime DAY_END = LocalTime.of(19, 0);
    /** Up to 23 h: an hour later would wrap past midnight. */
    private static final LocalTime LAST_START = LocalTime.of(23, 0);
    /** The hub sends a week of bookings; a place closed longer than that has nothing to offer. */
    static final int DAYS_AHEAD = 7;

    private RoomHours() {
    }

    /** The day offered: the first from today with a bookable hour still to come, within a week. */
    static Optional<LocalDate> offeredDay(PlaceContent.Hours hours, ZonedDateTime now) {
        for (int ahead = 0; ahead <= DAYS_AHEAD; ahead++) {
            LocalDate day = now.toLocalDate().plusDays(ahead);
            if (!starts(hours, day, now).isEmpty()) {
                return Optional.of(day);
            }
        }
        return Optional.empty();
    }

    /** "aujourd'hui", "demain, lundi 7 décembre" or "mardi 8 décembre", for "Les salles …". */
    static String dayText(LocalDate day, LocalDate today) {
        return day.equals(today) ? "aujourd'hui"
                : day.equals(today.plusDays(1)) ? "demain, " + Times.day(day) : Times.day(day);
    }

    /** The hours of {@code day} still to come at which {@code room} is free for an hour. */
    static List<ZonedDateTime> free(PlaceContent.Hours hours, PlaceContent.Room room, LocalDate day,
                                    ZonedDateTime now) {
        List<ZonedDateTime> free = new ArrayList<>();
        for (ZonedDateTime start : starts(hours, day, now)) {
            ZonedDateTime end = start.plusHours(1);
            boolean takenThen = room.bookings().stream().anyMatch(b ->
                    OffsetDateTime.parse(b.start()).toInstant().isBefore(end.toInstant())
                            && OffsetDateTime.parse(b.end()).toInstant().isAfter(start.toInstant()));
            if (!takenThen) {
                free.add(start);
            }
        }
        return free;
    }

    /** The room's bookings that overlap {@code day}. */
    static List<PlaceContent.Taken> taken(PlaceContent.Room room, LocalDate day) {
        var from = day.atStartOfDay(Times.PARIS).toInstant();
        var to = day.plusDays(1).atStartOfDay(Times.PARIS).toInstant();
        return room.bookings().stream().filter(b -> OffsetDateTime.parse(b.start()).toInstant().isBefore(to)
                && OffsetDateTime.parse(b.end()).toInstant().isAfter(from)).toList();
    }

    /** Every bookable hour of {@code day} after {@code now}, booked or not. */
    private static List<ZonedDateTime> starts(PlaceContent.Hours hours, LocalDate day, ZonedDateTime now) {
        boolean unknown = hours.weekly().isEmpty() && hours.exceptions().isEmpty();
        List<OpeningHours.Opening> openings = unknown ? List.of(new OpeningHours.Opening(DAY_START, DAY_END))
                : OpeningHours.of(hours, day);
        List<ZonedDateTime> starts = new ArrayList<>();
        for (OpeningHours.Opening opening : openings) {
            for (LocalTime t = opening.opens(); t.isBefore(LAST_START) && !t.plusHours(1).isAfter(opening.closes());
                    t = t.plusHours(1)) {
                ZonedDateTime start = day.atTime(t).atZone(Times.PARIS);
                if (start.isAfter(now)) {
                    starts.add(start);
                }
            }
        }
        return starts;
    }
}
