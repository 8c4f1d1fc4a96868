package fr.relais.hub.queue;

import fr.relais.hub.auth.Audit;
import fr.relais.hub.auth.Caller;
import fr.relais.hub.content.ContentChanges;
import fr.relais.hub.web.ApiErrors;
import fr.relais.protocol.Ids;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;

/**
 * A place's queue under {@code /api/queue/{site}}: the day's tickets and figures, and what the
 * mediator does (call the next one to a desk, done, absent, call again). Reads need
 * {@link Caller#sees}, writes {@link Caller#runs} (a mediator or manager at their own place);
 * every write is audited and tells {@link ContentChanges} of the site once committed, so the
 * place's screen shows the number called.
 */
public final class QueueRoutes {
    /** The places' time zone: their local day numbers the tickets. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Paris");

    private final Vertx vertx;
    private final QueueStore store;
    private final ContentChanges changes;
    private final Clock clock;

    public QueueRoutes(Vertx vertx, QueueStore store, ContentChanges changes, Clock clock) {
        this.vertx = vertx;
        this.store = store;
        this.changes = changes;
        this.clock = clock;
    }

    public void mount(Router router) {
        router.get("/api/queue/:site").handler(this::day);
        router.post("/api/queue/:site/call-next").handler(this::callNext);
        router.post("/api/queue/:site/tickets/:id/done").handler(ctx -> act(ctx, "done"));
        router.post("/api/queue/:site/tickets/:id/no-show").handler(ctx -> act(ctx, "no-show"));
        router.post("/api/queue/:site/tickets/:id/recall").handler(ctx -> act(ctx, "recall"));
    }

    private void day(RoutingContext ctx) {
        String site = ctx.pathParam("site");
        LocalDate day;
        try {
            checkSite(site);
            day = day(ctx.request().getParam("day"));
        } catch (QueueBody.Invalid e) {
            ApiErrors.fail(ctx, 400, e.getMessage());
            return;
        }
        Caller caller = Caller.of(ctx);
        if (caller == null || !caller.sees(site)) {
            refuse(ctx, site);
            return;
        }
        answer(ctx, 200, () -> QueueJson.day(site, day.toString(), store.day(site, day)));
    }

    private void callNext(RoutingContext ctx) {
        String site = ctx.pathParam("site");
        String desk;
        try {
            checkSite(site);
            desk = QueueBody.desk(ctx, true);
        } catch (QueueBody.Invalid e) {
            ApiErrors.fail(ctx, 400, e.getMessage());
            return;
        }
        if (!runs(ctx, site)) {
            return;
        }
        Audit.summary(ctx, "queue of " + site + ": next ticket called to " + desk);
        answer(ctx, 200, () -> {
            var called = store.callNext(site, today(), desk, clock.millis());
            changes.changed(site);
            if (called.isEmpty()) {
                throw new Conflict(404, "nobody is waiting at " + site + " today");
            }
            return QueueJson.ticket(called.get());
        });
    }

    private void act(RoutingContext ctx, String action) {
        String site = ctx.pathParam("site");
        String id = ctx.pathParam("id");
        String desk = null;
        try {
            checkSite(site);
            if (Ids.problem(id) != null) {
                throw new QueueBody.Invalid("id " + Ids.problem(id));
            }
            if (action.equals("recall")) {
                desk = QueueBody.desk(ctx, false);
            } else {
                QueueBody.empty(ctx);
            }
        } catch (QueueBody.Invalid e) {
            ApiErrors.fail(ctx, 400, e.getMessage());
            return;
        }
        if (!runs(ctx, site)) {
            return;
        }
        String givenDesk = desk;
        Audit.summary(ctx, "queue of " + site + ": ticket " + id + " " + action);
        answer(ctx, 200, () -> {
            Ticket ticket = store.find(site, id).orElseThrow(() -> new Conflict(404, "no ticket " + id + " at " + site));
            long now = clock.millis();
            boolean changed = switch (action) {
                case "done" -> store.done(site, id, now);
                case "no-show" -> store.noShow(site, id, now);
                default -> store.recall(site, id, givenDesk, now);
            };
            if (!changed) {
                throw new Conflict(409, "ticket " + ticket.label() + " is " + ticket.status() + ": it cannot be marked "
                        + action);
            }
            changes.changed(site);
            return QueueJson.ticket(store.find(site, id).orElseThrow());
        });
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZONE));
    }

    private LocalDate day(String asked) throws QueueBody.Invalid {
        if (asked == null || asked.isEmpty()) {
            return today();
        }
        try {
            if (asked.length() != 10) {
                throw new DateTimeParseException("yyyy-mm-dd", asked, 0);
            }
            return LocalDate.parse(asked);
        } catch (DateTimeParseException e) {
            throw new QueueBody.Invalid("day must be a date yyyy-mm-dd, got '" + (asked.length() > 20
                    ? asked.substring(0, 20) + "…" : asked) + "'");
        }
    }

    private static void checkSite(String site) throws QueueBody.Invalid {
        if (Ids.problem(site) != null) {
            throw new QueueBody.Invalid("site " + Ids.problem(site));
        }
    }

    private static boolean runs(RoutingContext ctx, String site) {
        Caller caller = Caller.of(ctx);
        if (caller == null || !caller.runs(site)) {
            refuse(ctx, site);
            return false;
        }
        return true;
    }

    private static void refuse(RoutingContext ctx, String site) {
        Caller caller = Caller.of(ctx);
        ApiErrors.fail(ctx, 403, caller != null && caller.site() != null
                ? "this account runs site " + caller.site() + " only, not " + site
                : "this account may not run the queue of " + site);
    }

    private void answer(RoutingContext ctx, int status, Callable<JsonObject> work) {
        vertx.executeBlocking(work, false).onComplete(result -> {
            if (result.succeeded()) {
                ctx.response().setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8")
                        .end(result.result().encode());
            } else if (result.cause() instanceof Conflict conflict) {
                ApiErrors.fail(ctx, conflict.status, conflict.getMessage());
            } else {
                ctx.fail(500, result.cause());
            }
        });
    }

    /** A refusal found on the worker thread, with its status. */
    private static final class Conflict extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        Conflict(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }
}
