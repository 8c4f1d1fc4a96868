package fr.relais.hub.place;

import fr.relais.hub.auth.Caller;
import fr.relais.hub.web.ApiErrors;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;

/** How the place and van routes answer: the work on a worker thread, a {@link Refusal} as its status. */
public final class Replies {
    private Replies() {
    }

    /** A route's reading of the request, which may refuse it. */
    public interface Check {
        void run() throws Refusal;
    }

    /** Answers the work's JSON with {@code status} (204 when it gives null), or its refusal. */
    public static void answer(Vertx vertx, RoutingContext ctx, int status, Callable<JsonObject> work) {
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

    /** A list's answer: its body, and the paging headers set on the event loop. */
    public record Listing(JsonObject body, long total, String nextLink) {
    }

    /** Answers a list with {@code X-Total-Count} (and {@code Link: <…>; rel="next"} when there is more). */
    public static void list(Vertx vertx, RoutingContext ctx, Callable<Listing> work) {
        vertx.executeBlocking(work, false).onComplete(result -> {
            if (result.failed()) {
                failed(ctx, result.cause());
                return;
            }
            Listing listing = result.result();
            ctx.response().putHeader("X-Total-Count", Long.toString(listing.total()));
            if (listing.nextLink() != null) {
                ctx.response().putHeader("Link", "<" + listing.nextLink() + ">; rel=\"next\"");
            }
            ctx.response().setStatusCode(200).putHeader("content-type", "application/json; charset=utf-8")
                    .end(listing.body().encode());
        });
    }

    public static void failed(RoutingContext ctx, Throwable cause) {
        if (cause instanceof Refusal refusal) {
            ApiErrors.fail(ctx, refusal.status(), refusal.getMessage());
        } else {
            ctx.fail(500, cause);
        }
    }

    /** Writes need {@link Caller#runs}; a public route's anonymous caller runs nothing. */
    public static void mayRun(RoutingContext ctx, String site) {
        Caller caller = Caller.of(ctx);
        if (caller == null || !caller.runs(site)) {
            throw Refusal.forbidden(caller == null ? "log in to change this"
                    : "this account does not run " + (site == null ? "the van" : "site " + site));
        }
    }

    /** Reads need {@link Caller#sees} (public routes have no caller and check nothing). */
    public static void maySee(RoutingContext ctx, String site) {
        Caller caller = Caller.of(ctx);
        if (caller != null && !caller.sees(site)) {
            throw Refusal.forbidden("this account sees site " + caller.site() + " only");
        }
    }
}
