package fr.relais.hub;

import fr.relais.hub.alert.AlertStore;
import fr.relais.hub.api.ApiServer;
import fr.relais.hub.content.ContentChanges;
import fr.relais.hub.db.Database;
import fr.relais.hub.live.LiveFeed;
import fr.relais.hub.live.LiveRoutes;
import fr.relais.hub.place.PlaceSql;
import fr.relais.hub.place.PlacesApi;
import fr.relais.hub.queue.QueueRoutes;
import fr.relais.hub.queue.QueueStore;
import fr.relais.hub.registry.RegistryReader;
import fr.relais.hub.territory.TerritoryRoutes;
import fr.relais.hub.territory.TerritoryView;
import fr.relais.hub.van.VanApi;
import fr.relais.hub.workshop.BookingsApi;
import io.vertx.core.Vertx;
import java.time.Clock;

/**
 * The routes of the pages that run a place (hours, the van's tour, workshops, appointments, the
 * queue) and the territory screen, all mounted as the hub mounts them: a browser test of one page loads the dashboard's
 * every script, and each asks its own routes (a 404 would be a script error in the page).
 */
public final class PlaceFeatures {
    private PlaceFeatures() {
    }

    public static ApiServer mount(ApiServer api, Vertx vertx, Database database, QueueStore queue,
                                  ContentChanges changes, Clock clock, String publicUrl) {
        return api.bookings(new BookingsApi(vertx, database, changes, clock))
                .places(new PlacesApi(vertx, database, changes, clock),
                        new VanApi(vertx, database, changes, clock, publicUrl))
                .routes(new QueueRoutes(vertx, queue, changes, clock)::mount)
                // The live channel, as Hub mounts it (nothing feeds it here): the dashboard opens it on every page.
                .routes(new LiveRoutes(LiveFeed.start(vertx, clock, caller -> true))::mount)
                // The dashboard's home screen, as Hub mounts it.
                .routes(new TerritoryRoutes(vertx, new TerritoryView(new RegistryReader(database),
                        new AlertStore(database), new PlaceSql(database.coworking()), clock))::mount);
    }
}
