package fr.relais.hub.place;

import fr.relais.hub.db.Database;
import fr.relais.protocol.content.PlaceContent;
import java.util.List;

/**
 * The place's parts of a kiosk's content (ISSUE12.md): the place itself and its hours. Blocks on
 * JDBC: the publisher calls it on a worker thread.
 */
public final class PlaceParts {
    private final Territory territory;
    private final HoursStore hours;

    public PlaceParts(Database database) {
        this(new PlaceSql(database.coworking()));
    }

    PlaceParts(PlaceSql sql) {
        this.territory = new Territory(sql);
        this.hours = new HoursStore(sql);
    }

    /** Null when the site is unknown (neither in the registry nor in the places). */
    public PlaceContent.Place place(String site) {
        Place place = territory.place(site).orElse(null);
        if (place == null) {
            return null;
        }
        Commune commune = place.communeId() == null ? null : territory.commune(place.communeId()).orElse(null);
        String kind = place.kind() == null || !List.of("mediation", "coworking", "van").contains(place.kind())
                ? "mediation" : place.kind();
        return new PlaceContent.Place(place.name() == null ? site : place.name(), kind,
                commune == null ? null : commune.id(), commune == null ? null : commune.name(),
                OpeningHours.ZONE.getId());
    }

    public PlaceContent.Hours hours(String site) {
        OpeningHours opening = hours.hours(site);
        return new PlaceContent.Hours(opening.weekly().stream().map(p -> new PlaceContent.Period(p.day().name(),
                        p.opens().toString(), p.closes().toString())).toList(),
                opening.exceptions().stream().map(e -> new PlaceContent.HoursException(e.date().toString(),
                        e.closed(), e.opens() == null ? null : e.opens().toString(),
                        e.closes() == null ? null : e.closes().toString(), e.label())).toList());
    }

    /** Whether the territory's data is the bundled example (--example-content). */
    public boolean example() {
        return territory.example();
    }
}
