package fr.relais.hub.history;

import fr.relais.hub.auth.Caller;
import fr.relais.hub.web.ListParams;
import fr.relais.hub.web.PagedReply;
import fr.relais.hub.web.Period;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Set;

/**
 * {@code GET /api/events}: what the nodes reported (a paper jam, a visitor in, a badge refused),
 * newest first, paged by cursor with {@code Link} and {@code X-Total-Count} like the other lists.
 * A site-scoped account (viewer, manager, mediator) sees its own site's events only.
 */
public final class EventRoutes {
    static final int DEFAULT_LIMIT = 100;
    private static final Set<String> FILTERS = Set.of("site", "node", "device", "type", Period.FROM, Period.TO);

    private final Vertx vertx;
    private final EventReader events;

    public EventRoutes(Vertx vertx, EventReader events) {
        this.vertx = vertx;
        this.events = events;
    }

    public void mount(Router router) {
        router.get("/api/events").handler(ctx -> PagedReply.send(vertx, ctx, FILTERS, DEFAULT_LIMIT, params -> {
            Period period = Period.of(params);
            EventReader.Filter filter = new EventReader.Filter(site(ctx, params), params.id("node"),
                    params.id("device"), params.text("type"), period.from(), period.to());
            boolean scoped = scoped(ctx);
            return page -> {
                // A misspelt site or node is said, not answered with an empty list that reads as "nothing
                // happened". Not to a site-scoped account: another site's node is as empty as its own quiet one,
                // so that the answer does not tell which nodes exist elsewhere.
                if (!scoped && filter.site() != null && !events.siteExists(filter.site())) {
                    throw new PagedReply.NotFound("no site '" + filter.site() + "'");
                }
                if (!scoped && filter.node() != null && !events.nodeExists(filter.node())) {
                    throw new PagedReply.NotFound("no node '" + filter.node() + "'");
                }
                return events.events(filter, page);
            };
        }, EventRoutes::json));
    }

    private static boolean scoped(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        return caller != null && caller.role().siteScoped();
    }

    /** The {@code site} filter; a site-scoped account is held to its own site, whatever it asks. */
    private static String site(RoutingContext ctx, ListParams params) throws ListParams.Bad {
        String asked = params.id("site");
        if (!scoped(ctx)) {
            return asked;
        }
        Caller caller = Caller.of(ctx);
        if (asked != null && !asked.equals(caller.site())) {
            throw new ListParams.Bad("site: this account sees site " + caller.site() + " only");
        }
        return caller.site();
    }

    static JsonObject json(EventReader.Event event) {
        return new JsonObject()
                .put("id", event.id())
                .put("site", event.site())
                .put("node", event.node())
                .put("device", event.device())
                .put("type", event.type())
                .put("severity", event.severity())
                .put("message", event.message())
                .put("data", data(event.data()))
                .put("deviceTs", Instant.ofEpochMilli(event.deviceTs()).toString())
                .put("clockSynced", event.clockSynced())
                .put("receivedAt", Instant.ofEpochMilli(event.receivedAt()).toString());
    }

    /** The event's data as the node sent it; ingestion stores only JSON objects, so another text is a damaged row. */
    private static JsonObject data(String text) {
        try {
            return new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            return new JsonObject().put("unreadable", text);
        }
    }
}
