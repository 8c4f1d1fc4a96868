package fr.relais.hub.van;

import fr.relais.hub.db.Database;
import fr.relais.hub.place.PlaceSql;
import fr.relais.hub.place.Territory;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The example territory ({@code --example-content}): the communes of the Portes de la Thiérache
 * (approximate coordinates), the five places and the van, their hours and the van's tour, from a
 * resource of the hub's jar. Loaded once, into empty tables only: a deployment's own data is never
 * touched. Everything built on it then says {@code "example": true}.
 */
public final class ExampleTerritory {
    static final String RESOURCE = "/fr/relais/hub/van/example-territory.json";
    private static final Logger LOG = LoggerFactory.getLogger(ExampleTerritory.class);

    private ExampleTerritory() {
    }

    /** @return whether the example was loaded (false: the territory had data already) */
    public static boolean loadIfEmpty(Database database, Clock clock) {
        return loadIfEmpty(new PlaceSql(database.coworking()), clock);
    }

    static boolean loadIfEmpty(PlaceSql sql, Clock clock) {
        JsonObject example = read();
        long now = clock.millis();
        boolean loaded = sql.inTransaction(() -> {
            long communes = sql.query("SELECT COUNT(*) FROM communes", row -> row.getLong(1)).get(0);
            long stops = sql.query("SELECT COUNT(*) FROM van_stops", row -> row.getLong(1)).get(0);
            long places = sql.query("SELECT COUNT(*) FROM places", row -> row.getLong(1)).get(0);
            if (communes + stops + places > 0) {
                return false;
            }
            insert(sql, example, now);
            return true;
        });
        if (loaded) {
            LOG.info("example territory loaded: {} communes, {} places, {} van stops (--example-content)",
                    example.getJsonArray("communes").size(), example.getJsonArray("places").size(),
                    example.getJsonArray("stops").size());
        }
        return loaded;
    }

    private static void insert(PlaceSql sql, JsonObject example, long now) {
        for (JsonObject c : objects(example, "communes")) {
            // roadmap: a commune of the community's very-high-speed broadband roadmap (the Débit screen marks it)
            sql.update("INSERT INTO communes (id, name, lat, lon, van_served, roadmap) VALUES (?, ?, ?, ?, ?, ?)",
                    c.getString("id"), c.getString("name"), c.getDouble("lat"), c.getDouble("lon"),
                    c.getBoolean("vanServed"), c.getBoolean("roadmap", false));
        }
        for (JsonObject p : objects(example, "places")) {
            sql.update("INSERT INTO places (site_id, commune_id, address, lat, lon) VALUES (?, ?, ?, ?, ?)",
                    p.getString("site"), p.getString("commune"), p.getString("address"), p.getDouble("lat"),
                    p.getDouble("lon"));
            for (JsonObject w : objects(p, "weekly")) {
                sql.update("INSERT INTO place_hours (site_id, day, opens, closes) VALUES (?, ?, ?, ?)",
                        p.getString("site"), w.getString("day"), w.getString("opens"), w.getString("closes"));
            }
        }
        int n = 0;
        for (JsonObject h : objects(example, "hoursExceptions")) {
            sql.update("INSERT INTO place_hours_exceptions (id, site_id, day, closed, opens, closes, label, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", "exemple-" + (++n), h.getString("site"), h.getString("date"),
                    h.getBoolean("closed"), h.getString("opens"), h.getString("closes"), h.getString("label"), now);
        }
        for (JsonObject s : objects(example, "stops")) {
            sql.update("INSERT INTO van_stops (id, commune_id, place, weekday, ordinal, starts, ends, valid_from,"
                    + " valid_until, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", s.getString("id"),
                    s.getString("commune"), s.getString("place"), s.getString("weekday"), s.getInteger("ordinal"),
                    s.getString("start"), s.getString("end"), s.getString("validFrom"), s.getString("validUntil"),
                    s.getString("note"), now);
        }
        for (JsonObject e : objects(example, "vanExceptions")) {
            sql.update("INSERT INTO van_exceptions (id, kind, day, stop_id, commune_id, to_day, starts, ends, place,"
                    + " reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "exemple-" + (++n),
                    e.getString("kind"), e.getString("date"), e.getString("stop"), e.getString("commune"),
                    e.getString("toDate"), e.getString("start"), e.getString("end"), e.getString("place"),
                    e.getString("reason"), now);
        }
        sql.update("INSERT INTO example_content (part, loaded_at) VALUES (?, ?)", Territory.EXAMPLE_PART, now);
    }

    private static Iterable<JsonObject> objects(JsonObject parent, String name) {
        JsonArray array = parent.getJsonArray(name);
        return () -> array.stream().map(JsonObject.class::cast).iterator();
    }

    static JsonObject read() {
        try (InputStream in = ExampleTerritory.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the hub's jar");
            }
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
