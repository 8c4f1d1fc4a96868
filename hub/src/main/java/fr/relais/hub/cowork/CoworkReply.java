package fr.relais.hub.cowork;

import fr.relais.hub.auth.Caller;
import fr.relais.hub.db.BadCursorException;
import fr.relais.hub.db.Page;
import fr.relais.hub.db.PageRequest;
import fr.relais.hub.web.ApiErrors;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * How the coworking routes answer: work on a worker thread, {@link Refused} as its status, lists
 * as {@code {"items":[…],"next":cursor|null}} (ISSUE11.md) with the other lists' headers too
 * ({@code X-Total-Count}, {@code Link: <…>; rel="next"}), and the caller held to its site.
 */
final class CoworkReply {
    private CoworkReply() {
    }

    /** Reads a page, on a worker thread. */
    interface PageQuery<T> {
        Page<T> read(PageRequest page) throws BadCursorException;
    }

    /**
     * The site a caller may act on: a manager (or viewer) its own (asking for another is a 403),
     * the others the one asked, or null for all.
     */
    static String site(Caller caller, String asked) {
        if (caller != null && caller.role().siteScoped()) {
            if (asked != null && !asked.equals(caller.site())) {
                throw new Refused(403, "this account manages site " + caller.site() + " only");
            }
            return caller.site();
        }
        return asked;
    }

    /** Refuses what belongs to another site than the caller's. */
    static void mayTouch(RoutingContext ctx, String site) {
        Caller caller = Caller.of(ctx);
        if (caller != null && !caller.sees(site)) {
            throw new Refused(403, "this belongs to site " + site + "; this account manages site " + caller.site()
                    + " only");
        }
    }

    static <T> void page(Vertx vertx, RoutingContext ctx, PageRequest request, PageQuery<T> query,
                         Function<T, JsonObject> shape) {
        vertx.executeBlocking(() -> query.read(request), false).onComplete(result -> {
            if (result.failed()) {
                failed(ctx, result.cause());
                return;
            }
            Page<T> page = result.result();
            JsonArray items = new JsonArray();
            page.rows().forEach(row -> items.add(shape.apply(row)));
            String next = page.next().map(cursor -> cursor.text()).orElse(null);
            ctx.response().putHeader("X-Total-Count", Long.toString(page.total()));
            if (next != null) {
                ctx.response().putHeader("Link", "<" + link(ctx, next) + ">; rel=\"next\"");
            }
            ctx.json(new JsonObject().put("items", items).put("next", next));
        });
    }

    /** Answers the work's JSON with {@code status}, or its refusal. */
    static void answer(Vertx vertx, RoutingContext ctx, int status, Callable<JsonObject> work) {
        vertx.executeBlocking(work, false).onComplete(result -> {
            if (result.failed()) {
                failed(ctx, result.cause());
            } else if (result.result() == null) {
                ctx.response().setStatusCode(204).end();
            } else {
                ctx.response().setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8")
                        .end(result.result().encode());
            }
        });
    }

    static void failed(RoutingContext ctx, Throwable cause) {
        if (cause instanceof Refused refused) {
            if (refused.conflict() == null) {
                ApiErrors.fail(ctx, refused.status(), refused.getMessage());
            } else if (!ctx.response().ended()) {
                ctx.response().setStatusCode(refused.status()).putHeader("content-type", "application/json; charset=utf-8")
                        .end(new JsonObject().put("error", refused.getMessage()).put("status", refused.status())
                                .put("conflict", refused.conflict()).encode());
            }
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
        return link.append("cursor=").append(cursor).toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
