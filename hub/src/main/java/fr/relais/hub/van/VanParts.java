package fr.relais.hub.van;

import fr.relais.hub.db.Database;
import fr.relais.hub.place.Commune;
import fr.relais.hub.place.Place;
import fr.relais.hub.place.PlaceJson;
import fr.relais.hub.place.PlaceSql;
import fr.relais.protocol.content.PlaceContent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * The van's part of a kiosk's content (ISSUE12.md): every commune the van serves (the place's
 * own and those within 12 km marked {@code near}), the visits of the next 62 days, cancelled ones
 * included with their status, and the feeds' URLs for the QR codes. Blocks on JDBC.
 */
public final class VanParts {
    static final int DAYS = 62;
    private final TourStore store;
    private final java.util.function.Supplier<String> publicUrl;

    /** @param publicUrl the hub's address as the public reaches it ({@code HubConfig.publicUrl}) */
    public VanParts(Database database, String publicUrl) {
        this(new PlaceSql(database.coworking()), () -> publicUrl);
    }

    /** @param publicUrl read at each call: the hub's own address is known once it listens (port 0) */
    public VanParts(Database database, java.util.function.Supplier<String> publicUrl) {
        this(new PlaceSql(database.coworking()), publicUrl);
    }

    VanParts(PlaceSql sql, java.util.function.Supplier<String> publicUrl) {
        this.store = new TourStore(sql);
        this.publicUrl = publicUrl;
    }

    public PlaceContent.Van van(String site, Instant now) {
        VanTour tour = store.tour();
        Commune home = store.territory().place(site).map(Place::communeId).map(tour.communes()::get).orElse(null);
        List<PlaceContent.Commune> communes = tour.communes().values().stream().filter(Commune::vanServed)
                .sorted(Comparator.comparing(Commune::name))
                .map(c -> new PlaceContent.Commune(c.id(), c.name(), VanReads.calendarUrl(publicUrl.get(), c.id()),
                        home != null && home.near(c))).toList();
        LocalDate today = now.atZone(VanTour.ZONE).toLocalDate();
        List<PlaceContent.Visit> visits = tour.visits(today, today.plusDays(DAYS), null).stream()
                .filter(v -> !v.end().toInstant().isBefore(now))
                .map(v -> new PlaceContent.Visit(v.communeId(), PlaceJson.at(v.start()), PlaceJson.at(v.end()),
                        cut(v.place(), 160), v.status(), cut(v.note(), 200))).toList();
        return new PlaceContent.Van(VanReads.calendarUrl(publicUrl.get(), null), communes, visits);
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
