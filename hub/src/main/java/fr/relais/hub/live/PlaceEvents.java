package fr.relais.hub.live;

import fr.relais.protocol.content.KioskActions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The live channel's {@code place} events, {@code {"site": …, "what": "queue|workshops|appointments|hours|tour|
 * coworking"}}: a place's own data changed (a kiosk action carried out, a write through the place APIs), and its
 * open pages read it again. Site-scoped like the other events (a null site: the fleet-wide accounts only), and
 * coalesced: within {@link #COALESCING}, one event per (site, what) however many changes came.
 */
public final class PlaceEvents {
    /** The changes of one (site, what) within this time make one event. */
    static final Duration COALESCING = Duration.ofMillis(250);

    private record Key(String site, String what) {
    }

    private final LiveFeed feed;
    /** Touched on the feed's context only. */
    private final Set<Key> pending = new LinkedHashSet<>();
    private boolean armed;

    public PlaceEvents(LiveFeed feed) {
        this.feed = feed;
    }

    /** This place's {@code what} changed (site null: unknown, told to the fleet-wide accounts). Any thread. */
    public void changed(String site, String what) {
        feed.run(() -> {
            pending.add(new Key(site, what));
            if (!armed) {
                armed = true;
                feed.vertx().setTimer(COALESCING.toMillis(), timer -> flush());
            }
        });
    }

    /** A kiosk action of this type was carried out at this site (committed); other types are not a place's. */
    public void kioskAction(String site, String type) {
        String what = what(type);
        if (what != null) {
            changed(site, what);
        }
    }

    /** What a kiosk action's type changes, or null. */
    static String what(String type) {
        return switch (type) {
            case KioskActions.TICKET_TAKEN -> "queue";
            case KioskActions.WORKSHOP_REGISTER, KioskActions.WORKSHOP_CANCEL -> "workshops";
            case KioskActions.APPOINTMENT_BOOK, KioskActions.APPOINTMENT_CANCEL -> "appointments";
            case KioskActions.ROOM_BOOK, KioskActions.COWORKING_CHECKIN -> "coworking";
            default -> null;
        };
    }

    private void flush() {
        armed = false;
        List<Key> due = List.copyOf(pending);
        pending.clear();
        due.forEach(key -> feed.append("place", key.site(), new JsonObject().put("site", key.site())
                .put("what", key.what())));
    }
}
