package fr.relais.hub.van;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * An exception to the tour: {@code cancelled} (the stop's visit of {@code date}), {@code moved}
 * (the stop's visit of {@code date} happens on {@code toDate} (or the same day) at
 * {@code start}–{@code end}, {@code place}), {@code added} (a visit to {@code communeId} on
 * {@code date}) or {@code closed} (no visit at all that day: a holiday).
 */
public record VanException(String id, String kind, LocalDate date, String stopId, String communeId, LocalDate toDate,
                           LocalTime start, LocalTime end, String place, String reason) {
    public static final List<String> KINDS = List.of("cancelled", "moved", "added", "closed");

    /** The day the moved visit happens. */
    public LocalDate movedTo() {
        return toDate == null ? date : toDate;
    }
}
