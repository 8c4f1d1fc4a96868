package fr.relais.hub.queue;

import fr.relais.hub.auth.Audit;
import fr.relais.hub.auth.Caller;
import fr.relais.hub.auth.SiteScope;
import fr.relais.hub.auth.SiteScope.Anonymous;
import fr.relais.hub.content.ContentChanges;
import fr.relais.hub.web.ApiErrors;
import fr.relais.hub.web.Refusal;
import fr.relais.hub.web.Replies;
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
    /** The queue's 403 ({@link SiteScope}). */
    private static final SiteScope.Wording REFUSED = (caller, site) -> caller != null && caller.site() != null
            ? "this account runs site " + caller.site() + " only, not " + site
            : "this account may not run the queue of " + site;

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
        if (!may(ctx, () -> SiteScope.maySee(ctx, site, Anonymous.REFUSED, REFUSED))) {
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
        if (!may(ctx, () -> SiteScope.mayRun(ctx, site, Anonymous.REFUSED, REFUSED))) {
            return;
        }
        Audit.summary(ctx, "queue of " + site + ": next ticket called to " + desk);
        answer(ctx, 200, () -> {
            var called = store.callNext(site, today(), desk, clock.millis());
            changes.changed(site);
            if (called.isEmpty()) {
                throw new Refusal(404, "nobody is waiting at " + site + " today");
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
        if (!may(ctx, () -> SiteScope.mayRun(ctx, site, Anonymous.REFUSED, REFUSED))) {
            return;
        }
        String givenDesk = desk;
        Audit.summary(ctx, "queue of " + site + ": ticket " + id + " " + action);
        answer(ctx, 200, () -> {
            Ticket ticket = store.find(site, id).orElseThrow(() -> new Refusal(404, "no ticket " + id + " at " + site));
            long now = clock.millis();
            boolean changed = switch (action) {
                case "done" -> store.done(site, id, now);
                case "no-show" -> store.noShow(site, id, now);
                default -> store.recall(site, id, givenDesk, now);
            };
            if (!changed) {
                throw new Refusal(409, "ticket " + ticket.label() + " is " + ticket.status() + ": it cannot be marked "
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

    /** Runs a {@link SiteScope} check; false once its refusal has been answered. */
    private static boolean may(RoutingContext ctx, Runnable check) {
        try {
            check.run();
            return true;
        } catch (Refusal refusal) {
            Replies.failed(ctx, refusal);
            return false;
        }
    }

    private void answer(RoutingContext ctx, int status, Callable<JsonObject> work) {
        Replies.answer(vertx, ctx, status, work);
    }
}
