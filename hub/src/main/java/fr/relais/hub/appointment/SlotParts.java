package fr.relais.hub.appointment;

import fr.relais.hub.db.Database;
import fr.relais.hub.place.BookingSql;
import fr.relais.hub.place.PlaceTimes;
import fr.relais.protocol.content.PlaceContent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The slots part of a place's kiosk content: the free ones starting in the next 14 days. */
public final class SlotParts {
    static final Duration AHEAD = Duration.ofDays(14);
    /** The content's size is bounded: a place with more free slots shows the soonest. */
    static final int MAX_SLOTS = 300;
    private final SlotStore store;

    public SlotParts(Database database) {
        this.store = new SlotStore(new BookingSql(database.coworking()));
    }

    public List<PlaceContent.Slot> slots(String site, Instant now) {
        return store.between(site, now, now.plus(AHEAD), true, MAX_SLOTS).stream()
                .filter(slot -> slot.startAt() > now.toEpochMilli())
                .map(slot -> new PlaceContent.Slot(slot.id(), slot.with(), PlaceTimes.iso(slot.startAt()),
                        PlaceTimes.iso(slot.endAt()), slot.place(), slot.commune()))
                .toList();
    }
}
