package fr.relais.hub.live;

import fr.relais.hub.auth.Caller;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One route-level handler in front of the place APIs ({@code /api/queue/{site}/…}, {@code /api/workshops…},
 * {@code /api/appointments…}, {@code /api/places/{site}/…}, {@code /api/van/…}, {@code /api/coworking/…}): once a
 * write (POST, PUT, PATCH, DELETE) has been answered 2xx, a {@code place} event for the site (the path's
 * {@code {site}} segment, else a {@code site} query parameter, else the JSON body's {@code site}, else the
 * caller's site, else none: the fleet-wide accounts only). Mounted in front of the routes, it needs no change in
 * them.
 */
public final class PlaceWrites implements Handler<RoutingContext> {
    private static final Set<HttpMethod> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);
    /** The place APIs: group 1 says which. */
    private static final Pattern PLACE_API = Pattern.compile("/api/(queue|workshops|appointments|places|van|coworking)"
            + "(/.*)?");
    /** The paths that name their site: group 1. */
    private static final Pattern SITE_IN_PATH = Pattern.compile("/api/(?:queue|places|coworking/sites)/([^/]+)(/.*)?");

    private final PlaceEvents events;

    public PlaceWrites(PlaceEvents events) {
        this.events = events;
    }

    /** Mounted first, so that it sees every request before the place routes answer it. */
    public void mount(Router router) {
        router.route("/api/*").order(-1).handler(this);
    }

    @Override
    public void handle(RoutingContext ctx) {
        Matcher api = PLACE_API.matcher(ctx.request().path());
        if (WRITES.contains(ctx.request().method()) && api.matches()) {
            String feature = api.group(1);
            String what = what(feature);
            Matcher named = SITE_IN_PATH.matcher(ctx.request().path());
            String pathSite = named.matches() ? named.group(1) : null;
            ctx.addEndHandler(ended -> {
                int status = ctx.response().getStatusCode();
                if (ended.succeeded() && status >= 200 && status < 300) {
                    events.changed(site(ctx, pathSite), what);
                }
            });
        }
        ctx.next();
    }

    static String what(String feature) {
        return switch (feature) {
            case "places" -> "hours";
            case "van" -> "tour";
            default -> feature;
        };
    }

    /** The site a JSON body names (a workshop created for a place), if the route read one. */
    private static String bodySite(RoutingContext ctx) {
        try {
            if (ctx.body() != null && ctx.body().available() && ctx.body().length() > 0) {
                Object site = ctx.body().asJsonObject().getValue("site");
                return site instanceof String text && !text.isBlank() ? text : null;
            }
        } catch (RuntimeException notAnObject) {
            return null;
        }
        return null;
    }

    private static String site(RoutingContext ctx, String pathSite) {
        if (pathSite != null) {
            return pathSite;
        }
        String query = ctx.request().getParam("site");
        if (query != null && !query.isBlank()) {
            return query;
        }
        String body = bodySite(ctx);
        if (body != null) {
            return body;
        }
        Caller caller = Caller.of(ctx);
        return caller == null ? null : caller.site();
    }
}
