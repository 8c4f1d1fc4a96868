package fr.relais.kiosk.content;

import fr.relais.protocol.content.PlaceContent;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A place's hours as a visitor asks about them: open now? until when? when does it open? */
public final class OpeningHours {
    /** Further than this, "Fermé" is enough: a place is not closed for weeks without a notice. */
    private static final int LOOK_AHEAD_DAYS = 14;

    private OpeningHours() {
    }

    /** One opening of a day. */
    public record Opening(LocalTime opens, LocalTime closes) {
    }

    /** The openings of {@code date}, the exceptions winning over the weekly hours. */
    public static List<Opening> of(PlaceContent.Hours hours, LocalDate date) {
        List<Opening> openings = new ArrayList<>();
        List<PlaceContent.HoursException> exceptions = hours.exceptions().stream()
                .filter(e -> e.date().equals(date.toString())).toList();
        if (!exceptions.isEmpty()) {
            for (PlaceContent.HoursException exception : exceptions) {
                if (!exception.closed()) {
                    openings.add(new Opening(LocalTime.parse(exception.opens()), LocalTime.parse(exception.closes())));
                }
            }
        } else {
            DayOfWeek day = date.getDayOfWeek();
            for (PlaceContent.Period period : hours.weekly()) {
                if (DayOfWeek.valueOf(period.day()) == day) {
                    openings.add(new Opening(LocalTime.parse(period.opens()), LocalTime.parse(period.closes())));
                }
            }
        }
        openings.sort(Comparator.comparing(Opening::opens));
        return openings;
    }

    /** "Aujourd'hui : 9 h – 12 h et 14 h – 17 h", or closed with the reason. */
    public static String today(PlaceContent.Hours hours, LocalDate today) {
        List<Opening> openings = of(hours, today);
        if (openings.isEmpty()) {
            String label = hours.exceptions().stream().filter(e -> e.date().equals(today.toString()) && e.closed())
                    .map(PlaceContent.HoursException::label).filter(l -> l != null && !l.isBlank())
                    .findFirst().map(l -> " (" + l + ")").orElse("");
            return French.typo("Aujourd'hui : fermé" + label);
        }
        List<String> parts = openings.stream()
                .map(o -> Times.hour(o.opens()) + " – " + Times.hour(o.closes())).toList();
        return French.typo("Aujourd'hui : " + String.join(" et ", parts));
    }

    /** "Ouvert maintenant, jusqu'à 17 h" or "Fermé, ouvre mardi à 9 h". */
    public static String now(PlaceContent.Hours hours, ZonedDateTime now) {
        LocalDate today = now.toLocalDate();
        LocalTime time = now.toLocalTime();
        for (Opening opening : of(hours, today)) {
            if (!time.isBefore(opening.opens()) && time.isBefore(opening.closes())) {
                return "Ouvert maintenant, jusqu'à " + Times.hour(opening.closes());
            }
        }
        for (int ahead = 0; ahead <= LOOK_AHEAD_DAYS; ahead++) {
            LocalDate date = today.plusDays(ahead);
            for (Opening opening : of(hours, date)) {
                if (ahead > 0 || opening.opens().isAfter(time)) {
                    String when = ahead == 0 ? "" : ahead == 1 ? "demain " : Times.weekday(date.getDayOfWeek()) + " ";
                    return "Fermé, ouvre " + when + "à " + Times.hour(opening.opens());
                }
            }
        }
        return "Fermé pour le moment";
    }

    /**
     * Whether a queue ticket still makes sense today: the place is open now or opens again later
     * today (a visitor may queue before the doors open or over lunch), or its hours are unknown.
     * After the day's last closing, or on a closed day, a ticket would be called by nobody: tickets
     * are numbered per day.
     */
    public static boolean seesVisitorsLaterToday(PlaceContent.Hours hours, ZonedDateTime now) {
        if (hours.weekly().isEmpty() && hours.exceptions().isEmpty()) {
            return true;
        }
        LocalTime time = now.toLocalTime();
        return of(hours, now.toLocalDate()).stream().anyMatch(opening -> time.isBefore(opening.closes()));
    }

    public static boolean isOpen(PlaceContent.Hours hours, ZonedDateTime now) {
        return now(hours, now).startsWith("Ouvert");
    }
}
