package fr.relais.hub.workshop;

import fr.relais.hub.auth.Caller;
import fr.relais.hub.db.BadCursorException;
import fr.relais.hub.db.Cursor;
import fr.relais.hub.db.Page;
import fr.relais.hub.db.PageRequest;
import fr.relais.hub.web.ApiErrors;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * How the workshops and appointments routes answer: the work on a worker thread, a
 * {@link Refusal} as its status, lists as {@code {"items":[…],"next":cursor|null}} with
 * {@code X-Total-Count} and {@code Link: <…>; rel="next"} like the coworking lists, and the caller
 * held to its site: {@link Caller#runs} to change, {@link Caller#sees} to read.
 */
public final class PlaceReply {
    static final int DEFAULT_LIMIT = 100;

    private PlaceReply() {
    }

    /** Reads a page, on a worker thread. */
    public interface PageQuery<T> {
        Page<T> read(PageRequest page) throws BadCursorException;
    }

    /** The site a list shows: a site-scoped caller its own (another is a 403), the others the one asked or all. */
    public static String listedSite(RoutingContext ctx, String asked) {
        Caller caller = Caller.of(ctx);
        if (caller != null && caller.role().siteScoped()) {
            if (asked != null && !asked.equals(caller.site())) {
                throw Refusal.forbidden(asked);
            }
            return caller.site();
        }
        return asked;
    }

    /** A change of what a site runs for its visitors: admins and technicians, or the site's own mediator or manager. */
    public static void mayRun(RoutingContext ctx, String site) {
        Caller caller = Caller.of(ctx);
        if (caller != null && !caller.runs(site)) {
            throw Refusal.forbidden(site);
        }
    }

    public static void maySee(RoutingContext ctx, String site) {
        Caller caller = Caller.of(ctx);
        if (caller != null && !caller.sees(site)) {
            throw Refusal.forbidden(site);
        }
    }

    /** {@code limit} (1–1000, default 100) and {@code cursor} of a query read by {@link PlaceBody#query}. */
    public static PageRequest pageOf(PlaceBody query) {
        int limit = DEFAULT_LIMIT;
        String asked = query.text("limit", false, 10);
        if (asked != null) {
            try {
                limit = Integer.parseInt(asked);
            } catch (NumberFormatException e) {
                throw PlaceBody.bad("limit must be a whole number, got '" + asked + "'");
            }
            if (limit < 1 || limit > PageRequest.MAX_LIMIT) {
                throw PlaceBody.bad("limit must be between 1 and " + PageRequest.MAX_LIMIT + ", got " + limit);
            }
        }
        String cursor = query.text("cursor", false, 1000);
        try {
            return new PageRequest(limit, cursor == null ? Optional.empty() : Optional.of(Cursor.parse(cursor)));
        } catch (BadCursorException e) {
            throw PlaceBody.bad(e.getMessage());
        }
    }

    public static <T> void page(Vertx vertx, RoutingContext ctx, PageRequest request, PageQuery<T> query,
                                Function<T, JsonObject> shape) {
        vertx.executeBlocking(() -> query.read(request), false).onComplete(result -> {
            if (result.failed()) {
                failed(ctx, result.cause());
                return;
            }
            Page<T> page = result.result();
            JsonArray items = new JsonArray();
            page.rows().forEach(row -> items.add(shape.apply(row)));
            String next = page.next().map(Cursor::text).orElse(null);
            ctx.response().putHeader("X-Total-Count", Long.toString(page.total()));
            if (next != null) {
                ctx.response().putHeader("Link", "<" + link(ctx, next) + ">; rel=\"next\"");
            }
            ctx.json(new JsonObject().put("items", items).put("next", next));
        });
    }

    /** Answers the work's JSON with {@code status}, or its refusal. */
    public static void answer(Vertx vertx, RoutingContext ctx, int status, Callable<JsonObject> work) {
        vertx.executeBlocking(work, false).onComplete(result -> {
            if (result.failed()) {
                failed(ctx, result.cause());
            } else {
                ctx.response().setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8")
                        .end(result.result().encode());
            }
        });
    }

    public static void failed(RoutingContext ctx, Throwable cause) {
        if (cause instanceof Refusal refusal) {
            ApiErrors.fail(ctx, refusal.status(), refusal.getMessage());
        } else if (cause instanceof BadCursorException bad) {
            ApiErrors.fail(ctx, 400, bad.getMessage());
        } else {
            ctx.fail(500, cause);
        }
    }

    private static String link(RoutingContext ctx, String cursor) {
        StringBuilder link = new StringBuilder(ctx.request().path()).append('?');
        ctx.queryParams().forEach((name, value) -> {
            if (!name.equals("cursor")) {
                link.append(encode(name)).append('=').append(encode(value)).append('&');
            }
        });
        return link.append("cursor=").append(encode(cursor)).toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
