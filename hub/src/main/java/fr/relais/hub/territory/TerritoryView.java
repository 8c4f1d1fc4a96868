package fr.relais.hub.territory;

import fr.relais.hub.alert.AlertRows;
import fr.relais.hub.alert.AlertStore;
import fr.relais.hub.auth.Caller;
import fr.relais.hub.place.Commune;
import fr.relais.hub.place.Place;
import fr.relais.hub.place.PlaceSql;
import fr.relais.hub.place.Territory;
import fr.relais.hub.registry.RegistryReader;
import fr.relais.hub.registry.Views;
import fr.relais.hub.van.TourStore;
import fr.relais.hub.van.VanTour;
import fr.relais.hub.van.Visit;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The territory at a glance for the dashboard's first screen: the communes (for the map), each
 * place with its worst health in words, its nodes online and its open alerts by severity, and the
 * van with its last message and today's or next stop from the tour. A site-scoped caller (viewer,
 * manager, mediator) gets its own place only, and the van only when the van is its site.
 * Blocks on the database: call it on a worker thread.
 */
public final class TerritoryView {
    /** How far ahead the van's next stop is looked for. */
    private static final int VAN_DAYS_AHEAD = 62;

    private final RegistryReader registry;
    private final AlertStore alerts;
    private final PlaceSql sql;
    private final Territory territory;
    private final TourStore tour;
    private final Clock clock;

    public TerritoryView(RegistryReader registry, AlertStore alerts, PlaceSql sql, Clock clock) {
        this.registry = registry;
        this.alerts = alerts;
        this.sql = sql;
        this.territory = new Territory(sql);
        this.tour = new TourStore(sql);
        this.clock = clock;
    }

    public JsonObject territory(Caller caller) {
        Predicate<String> visible = site -> caller != null && caller.sees(site);
        Map<String, List<Views.Node>> nodes = registry.nodes().stream().filter(n -> visible.test(n.site()))
                .collect(Collectors.groupingBy(Views.Node::site));
        Map<String, List<Views.Device>> devices = registry.devices().stream().filter(d -> visible.test(d.site()))
                .collect(Collectors.groupingBy(Views.Device::site));
        Map<String, List<AlertRows.Alert>> open = alerts.active().stream().filter(a -> visible.test(a.site()))
                .collect(Collectors.groupingBy(AlertRows.Alert::site));
        Map<String, Commune> communes = territory.communes().stream()
                .collect(Collectors.toMap(Commune::id, c -> c));
        Set<String> roadmap = Set.copyOf(sql.query("SELECT id FROM communes WHERE roadmap", row -> row.getString(1)));
        String vanSite = territory.vanSite().orElse(null);

        List<JsonObject> places = new ArrayList<>();
        JsonObject van = null;
        for (Place place : territory.places(null)) {
            if (!visible.test(place.site())) {
                continue;
            }
            JsonObject row = place(place, communes.get(place.communeId()),
                    nodes.getOrDefault(place.site(), List.of()), devices.getOrDefault(place.site(), List.of()),
                    open.getOrDefault(place.site(), List.of()));
            if (place.site().equals(vanSite)) {
                van = van(row, nodes.getOrDefault(place.site(), List.of()));
            } else {
                places.add(row);
            }
        }
        places.sort(Comparator.comparingInt((JsonObject p) -> SiteHealth.valueOf(
                p.getString("worst").toUpperCase(java.util.Locale.ROOT)).ordinal()).reversed()
                .thenComparing(p -> Objects.requireNonNullElse(p.getString("name"), p.getString("site"))));
        JsonArray communeRows = new JsonArray();
        communes.values().stream().sorted(Comparator.comparing(Commune::name)).forEach(c -> communeRows.add(
                new JsonObject().put("id", c.id()).put("name", c.name()).put("lat", c.lat()).put("lon", c.lon())
                        .put("vanServed", c.vanServed()).put("roadmap", roadmap.contains(c.id()))));
        return new JsonObject().put("example", territory.example()).put("communes", communeRows)
                .put("places", new JsonArray(new ArrayList<>(places))).put("van", van);
    }

    private static JsonObject place(Place place, Commune commune, List<Views.Node> nodes, List<Views.Device> devices,
                                    List<AlertRows.Alert> open) {
        // An open alert counts too: a node's own trouble (its outbox, its disk) has no device to show it.
        SiteHealth worst = SiteHealth.of(nodes, devices);
        if (!nodes.isEmpty()) {
            for (AlertRows.Alert alert : open) {
                worst = SiteHealth.worse(worst, "critical".equals(alert.severity()) ? SiteHealth.CRITICAL
                        : SiteHealth.WARNING);
            }
        }
        JsonObject health = new JsonObject().put("ok", 0).put("warning", 0).put("critical", 0).put("unknown", 0);
        for (Views.Device device : devices) {
            String key = SiteHealth.ofDevice(device.health()).wire();
            health.put(key, health.getInteger(key) + 1);
        }
        Double lat = place.lat() != null ? place.lat() : commune == null ? null : commune.lat();
        Double lon = place.lon() != null ? place.lon() : commune == null ? null : commune.lon();
        // A place whose node never spoke has no registry name yet: its commune's says where it is.
        String name = place.name() != null ? place.name() : commune != null ? commune.name() : place.site();
        return new JsonObject().put("site", place.site()).put("name", name)
                .put("kind", place.kind()).put("commune", place.communeId())
                .put("communeName", commune == null ? null : commune.name()).put("lat", lat).put("lon", lon)
                .put("worst", worst.wire()).put("healthWord", nodes.isEmpty() ? "Aucun nœud n'a encore parlé"
                        : worst.words())
                .put("nodes", new JsonObject().put("online", nodes.stream().filter(Views.Node::online).count())
                        .put("total", nodes.size()))
                .put("devices", health)
                .put("alerts", new JsonObject()
                        .put("critical", open.stream().filter(a -> "critical".equals(a.severity())).count())
                        .put("warning", open.stream().filter(a -> !"critical".equals(a.severity())).count()));
    }

    /** The van's row, with when it was last heard from and its stop today or the next one. */
    private JsonObject van(JsonObject row, List<Views.Node> nodes) {
        Optional<Long> lastSeen = nodes.stream().map(Views.Node::lastSeen).filter(Objects::nonNull)
                .max(Long::compare);
        ZonedDateTime now = clock.instant().atZone(VanTour.ZONE);
        LocalDate today = now.toLocalDate();
        VanTour tourNow = tour.tour();
        List<Visit> visits = tourNow.visits(today, today.plusDays(VAN_DAYS_AHEAD), null).stream()
                .filter(v -> !"cancelled".equals(v.status())).toList();
        Optional<Visit> todays = visits.stream().filter(v -> v.start().toLocalDate().equals(today))
                .filter(v -> v.end().isAfter(now)).findFirst();
        Optional<Visit> next = visits.stream().filter(v -> v.start().isAfter(now))
                .filter(v -> todays.isEmpty() || !v.equals(todays.get())).findFirst();
        return row.put("lastSeen", lastSeen.map(at -> Instant.ofEpochMilli(at).toString()).orElse(null))
                .put("today", todays.map(v -> visit(v, tourNow.communes())).orElse(null))
                .put("next", next.map(v -> visit(v, tourNow.communes())).orElse(null));
    }

    private static JsonObject visit(Visit visit, Map<String, Commune> communes) {
        Commune commune = communes.get(visit.communeId());
        return new JsonObject().put("day", visit.start().toLocalDate().toString()).put("commune", visit.communeId())
                .put("communeName", visit.communeName()).put("lat", commune == null ? null : commune.lat())
                .put("lon", commune == null ? null : commune.lon()).put("place", visit.place())
                .put("starts", visit.start().toLocalTime().toString()).put("ends", visit.end().toLocalTime().toString());
    }
}
