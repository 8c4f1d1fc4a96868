package fr.relais.hub.workshop;

import fr.relais.hub.db.Database;
import fr.relais.hub.place.BookingSql;
import fr.relais.hub.place.PlaceTimes;
import fr.relais.protocol.content.PlaceContent;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

/** The workshops part of a place's kiosk content: this week's and next week's, not cancelled, not over. */
public final class WorkshopParts {
    /** What the kiosk says when a workshop names no room: it is at the place itself. */
    static final String AT_THE_PLACE = "Sur place";
    private final WorkshopStore store;

    public WorkshopParts(Database database) {
        this.store = new WorkshopStore(new BookingSql(database.coworking()));
    }

    public List<PlaceContent.Workshop> workshops(String site, Instant now) {
        LocalDate today = now.atZone(PlaceTimes.PARIS).toLocalDate();
        Instant until = today.with(TemporalAdjusters.next(DayOfWeek.MONDAY)).plusWeeks(1)
                .atStartOfDay(PlaceTimes.PARIS).toInstant();
        return store.coming(site, now, until).stream().map(WorkshopParts::content).toList();
    }

    /** True when some workshop shown is example data (the kiosk says so). */
    public boolean example(String site, Instant now) {
        return store.coming(site, now, now.plusSeconds(14 * 86_400L)).stream().anyMatch(Workshop::example);
    }

    static PlaceContent.Workshop content(Workshop w) {
        return new PlaceContent.Workshop(w.id(), w.title(), w.topic(), w.level(), PlaceTimes.iso(w.startAt()),
                PlaceTimes.iso(w.endAt()), w.seats(), Math.min(w.free(), w.seats()),
                w.place() == null ? AT_THE_PLACE : w.place(), w.professional());
    }
}
