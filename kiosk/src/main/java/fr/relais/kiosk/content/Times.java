package fr.relais.kiosk.content;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/** Dates and times the way they are said in French: "14 h 05", "17 h", "mardi 3 décembre". */
public final class Times {

    public static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private Times() {
    }

    public static String hour(LocalTime time) {
        return time.getMinute() == 0 ? time.getHour() + "\u00a0h"
                : String.format(Locale.ROOT, "%d\u00a0h\u00a0%02d", time.getHour(), time.getMinute());
    }

    public static String weekday(DayOfWeek day) {
        return day.getDisplayName(TextStyle.FULL, Locale.FRENCH);
    }

    /** "mardi 3 décembre" ("1er" for the first of the month, as it is written in French). */
    public static String day(LocalDate date) {
        String number = date.getDayOfMonth() == 1 ? "1er" : String.valueOf(date.getDayOfMonth());
        return weekday(date.getDayOfWeek()) + " " + number + " "
                + date.getMonth().getDisplayName(TextStyle.FULL, Locale.FRENCH);
    }

    /** "aujourd'hui", "demain" or "mardi 3 décembre". */
    public static String relativeDay(LocalDate date, LocalDate today) {
        if (date.equals(today)) {
            return "aujourd'hui";
        }
        if (date.equals(today.plusDays(1))) {
            return "demain";
        }
        return day(date);
    }

    /** "Mis à jour à 14 h 05", or with the day when it was not today. */
    public static String updated(Instant refreshed, Instant now) {
        ZonedDateTime at = refreshed.atZone(PARIS);
        LocalDate today = now.atZone(PARIS).toLocalDate();
        String time = hour(at.toLocalTime().withSecond(0).withNano(0));
        if (at.toLocalDate().equals(today)) {
            return "Mis à jour à " + time;
        }
        return "Mis à jour " + (at.toLocalDate().equals(today.minusDays(1)) ? "hier" : "le " + day(at.toLocalDate()))
                + " à " + time;
    }

    public static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
