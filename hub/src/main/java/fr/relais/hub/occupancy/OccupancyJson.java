package fr.relais.hub.occupancy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/** The occupancy answers as JSON: the shapes the dashboard's Fréquentation screen is built against. */
final class OccupancyJson {
    private OccupancyJson() {
    }

    static JsonObject now(Occupancy.Now now) {
        return new JsonObject().put("site", now.site()).put("at", now.at().toString())
                .put("peopleIn", now.peopleIn())
                .put("rooms", now.rooms() == null ? null
                        : new JsonObject().put("occupied", now.rooms().occupied()).put("total", now.rooms().total()))
                .put("coworkersIn", now.coworkersIn());
    }

    static JsonObject heatmap(Occupancy.Heatmap map) {
        JsonObject weeks = new JsonObject();
        for (Map.Entry<Integer, Long> weekday : map.weeks().entrySet()) {
            weeks.put(String.valueOf(weekday.getKey()), weekday.getValue());
        }
        JsonArray cells = new JsonArray();
        for (Occupancy.Cell cell : map.cells()) {
            cells.add(new JsonObject().put("weekday", cell.weekday()).put("hour", cell.hour())
                    .put("entries", cell.entries()).put("perWeek", cell.perWeek()));
        }
        return new JsonObject().put("site", map.site()).put("from", map.from().toString())
                .put("to", map.to().toString()).put("simulated", map.simulated()).put("weeks", weeks)
                .put("cells", cells).put("totals", sums(new JsonObject(), map.totals()));
    }

    /** {@code field}: "days" or "months"; {@code key}: "day" or "month". */
    static JsonObject periods(Occupancy.Periods periods, String field, String key) {
        JsonArray rows = new JsonArray();
        for (Occupancy.Period period : periods.periods()) {
            rows.add(sums(new JsonObject().put(key, period.key()), period.sums()).put("simulated", period.simulated()));
        }
        return new JsonObject().put("site", periods.site()).put("from", periods.from().toString())
                .put("to", periods.to().toString()).put("simulated", periods.simulated()).put(field, rows);
    }

    private static JsonObject sums(JsonObject json, Occupancy.Sums sums) {
        return json.put("entries", sums.entries()).put("exits", sums.exits()).put("roomMinutes", sums.roomMinutes())
                .put("coworkerCheckins", sums.coworkerCheckins());
    }
}
