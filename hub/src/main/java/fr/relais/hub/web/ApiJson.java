package fr.relais.hub.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * The API's HTTP-generic JSON: lists, errors and times (ISO-8601 UTC texts, or null when never). The
 * shapes of the fleet's data live with their owners: {@code registry.RegistryJson}, {@code api.IngestJson}.
 */
public final class ApiJson {
    private ApiJson() {
    }

    public static <T> JsonArray array(List<T> rows, Function<T, JsonObject> shape) {
        JsonArray array = new JsonArray();
        rows.forEach(row -> array.add(shape.apply(row)));
        return array;
    }

    public static JsonObject error(int status, String message) {
        return new JsonObject().put("status", status).put("error", message);
    }

    /** An instant as the API writes it: ISO-8601 UTC text, or null when never. */
    public static String time(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis).toString();
    }
}
