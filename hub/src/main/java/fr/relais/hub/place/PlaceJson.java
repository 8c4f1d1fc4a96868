package fr.relais.hub.place;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** The place routes' JSON shapes (ISSUE12.md): times ISO-8601 with their offset, Europe/Paris. */
public final class PlaceJson {
    private PlaceJson() {
    }

    public static String at(ZonedDateTime time) {
        return time == null ? null : time.withZoneSameInstant(OpeningHours.ZONE).toOffsetDateTime()
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    static JsonObject place(Place place, Map<String, Commune> communes, boolean example) {
        Commune commune = place.communeId() == null ? null : communes.get(place.communeId());
        return new JsonObject().put("site", place.site()).put("name", place.name()).put("kind", place.kind())
                .put("commune", commune == null ? null : new JsonObject().put("id", commune.id())
                        .put("name", commune.name()))
                .put("address", place.address()).put("lat", place.lat()).put("lon", place.lon())
                .put("timeZone", OpeningHours.ZONE.getId()).put("example", example);
    }

    static JsonObject hours(String site, OpeningHours hours, OpeningHours.Now now, boolean example) {
        JsonArray weekly = new JsonArray();
        hours.weekly().forEach(p -> weekly.add(new JsonObject().put("day", p.day().name())
                .put("opens", p.opens().toString()).put("closes", p.closes().toString())));
        JsonArray exceptions = new JsonArray();
        hours.exceptions().forEach(e -> exceptions.add(exception(e)));
        return new JsonObject().put("site", site).put("timeZone", OpeningHours.ZONE.getId()).put("weekly", weekly)
                .put("exceptions", exceptions).put("now", new JsonObject().put("open", now.open())
                        .put("closesAt", at(now.closesAt())).put("opensAt", at(now.opensAt())))
                .put("example", example);
    }

    static JsonObject exception(HoursException e) {
        return new JsonObject().put("id", e.id()).put("date", e.date().toString()).put("closed", e.closed())
                .put("opens", e.opens() == null ? null : e.opens().toString())
                .put("closes", e.closes() == null ? null : e.closes().toString()).put("label", e.label());
    }
}
