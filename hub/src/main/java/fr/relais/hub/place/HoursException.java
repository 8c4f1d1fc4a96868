package fr.relais.hub.place;

import java.time.LocalDate;
import java.time.LocalTime;

/** A dated exception to the weekly hours: closed all day, or these hours only (a "Noël" morning). */
public record HoursException(String id, LocalDate date, boolean closed, LocalTime opens, LocalTime closes,
                             String label) {
    public HoursException {
        if (!closed && (opens == null || closes == null || !opens.isBefore(closes))) {
            throw new IllegalArgumentException("an open day needs opens before closes");
        }
    }
}
