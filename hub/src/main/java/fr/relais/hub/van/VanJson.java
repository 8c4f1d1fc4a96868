package fr.relais.hub.van;

import fr.relais.hub.place.Commune;
import fr.relais.hub.place.PlaceJson;
import io.vertx.core.json.JsonObject;

/** The van routes' JSON shapes (ISSUE12.md). */
final class VanJson {
    private VanJson() {
    }

    static JsonObject visit(Visit visit) {
        return new JsonObject().put("stop", visit.stopId()).put("exception", visit.exceptionId())
                .put("commune", visit.communeId()).put("communeName", visit.communeName()).put("place", visit.place())
                .put("start", PlaceJson.at(visit.start())).put("end", PlaceJson.at(visit.end()))
                .put("status", visit.status()).put("note", visit.note());
    }

    static JsonObject commune(Commune commune, String calendarUrl) {
        return new JsonObject().put("id", commune.id()).put("name", commune.name()).put("lat", commune.lat())
                .put("lon", commune.lon()).put("vanServed", commune.vanServed()).put("calendarUrl", calendarUrl);
    }

    static JsonObject stop(VanStop stop, String communeName) {
        return new JsonObject().put("id", stop.id()).put("commune", stop.communeId()).put("communeName", communeName)
                .put("place", stop.place()).put("weekday", stop.weekday().name()).put("ordinal", stop.ordinal())
                .put("start", stop.start().toString()).put("end", stop.end().toString())
                .put("validFrom", stop.validFrom().toString())
                .put("validUntil", stop.validUntil() == null ? null : stop.validUntil().toString())
                .put("note", stop.note());
    }

    static JsonObject exception(VanException e) {
        return new JsonObject().put("id", e.id()).put("kind", e.kind()).put("date", e.date().toString())
                .put("stop", e.stopId()).put("commune", e.communeId())
                .put("toDate", e.toDate() == null ? null : e.toDate().toString())
                .put("start", e.start() == null ? null : e.start().toString())
                .put("end", e.end() == null ? null : e.end().toString()).put("place", e.place())
                .put("reason", e.reason());
    }
}
