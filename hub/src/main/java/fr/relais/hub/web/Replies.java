package fr.relais.hub.web;

import fr.relais.hub.db.BadCursorException;
import fr.relais.hub.db.Cursor;
import fr.relais.hub.db.Page;
import fr.relais.hub.db.PageRequest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * How the place features' routes (coworking, workshops, appointments, places, the van tour,
 * connectivity) answer: the work on a worker thread, a {@link Refusal} as its status, lists as
 * {@code {"items":[…],"next":cursor|null}} with {@code X-Total-Count} and
 * {@code Link: <…>; rel="next"} like the fleet's lists ({@link PagedReply}).
 */
public final class Replies {
    private static final String JSON = "application/json; charset=utf-8";

    private Replies() {
    }

    /** Reads a page, on a worker thread. */
    public interface PageQuery<T> {
        Page<T> read(PageRequest page) throws BadCursorException;
    }

    /** A list's answer: its body, and the paging headers set on the event loop. */
    public record Listing(JsonObject body, long total, String nextLink) {
    }

    /** Answers the work's JSON with {@code status} (204 when it gives null), or its refusal. */
    public static void answer(Vertx vertx, RoutingContext ctx, int status, Callable<JsonObject> work) {
        vertx.executeBlocking(work, false).onComplete(result -> {
            if (result.failed()) {
                failed(ctx, result.cause());
            } else if (result.result() == null) {
                ctx.response().setStatusCode(204).end();
            } else {
                ctx.response().setStatusCode(status).putHeader("content-type", JSON).end(result.result().encode());
            }
        });
    }

    /** Answers one page as {@code {"items":[…],"next":cursor|null}}, with the paging headers. */
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
            ctx.response().putHeader(PagedReply.TOTAL_COUNT, Long.toString(page.total()));
            if (next != null) {
                ctx.response().putHeader("Link", "<" + nextLink(ctx, next) + ">; rel=\"next\"");
            }
            ctx.json(new JsonObject().put("items", items).put("next", next));
        });
    }

    /** Answers a list built by the work, with {@code X-Total-Count} (and {@code Link} when there is more). */
    public static void list(Vertx vertx, RoutingContext ctx, Callable<Listing> work) {
        vertx.executeBlocking(work, false).onComplete(result -> {
            if (result.failed()) {
                failed(ctx, result.cause());
                return;
            }
            Listing listing = result.result();
            ctx.response().putHeader(PagedReply.TOTAL_COUNT, Long.toString(listing.total()));
            if (listing.nextLink() != null) {
                ctx.response().putHeader("Link", "<" + listing.nextLink() + ">; rel=\"next\"");
            }
            ctx.response().setStatusCode(200).putHeader("content-type", JSON).end(listing.body().encode());
        });
    }

    /** A refusal as its status and message (and conflict), a bad cursor as a 400, anything else as a 500. */
    public static void failed(RoutingContext ctx, Throwable cause) {
        if (cause instanceof Refusal refusal) {
            if (refusal.conflict() == null) {
                ApiErrors.fail(ctx, refusal.status(), refusal.getMessage());
            } else if (!ctx.response().ended()) {
                ctx.response().setStatusCode(refusal.status()).putHeader("content-type", JSON)
                        .end(ApiJson.error(refusal.status(), refusal.getMessage())
                                .put("conflict", refusal.conflict()).encode());
            }
        } else if (cause instanceof BadCursorException bad) {
            ApiErrors.fail(ctx, 400, bad.getMessage());
        } else {
            ctx.fail(500, cause);
        }
    }

    /** This request's address with its query, the cursor replaced by {@code cursor}. */
    private static String nextLink(RoutingContext ctx, String cursor) {
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
