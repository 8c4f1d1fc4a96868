package fr.relais.hub.api;

import fr.relais.hub.alert.AlertService;
import fr.relais.hub.auth.Audit;
import fr.relais.hub.auth.Caller;
import fr.relais.hub.auth.Role;
import fr.relais.hub.notify.NoticeText;
import fr.relais.hub.store.AlertRows;
import fr.relais.protocol.Ids;
import fr.relais.protocol.Severity;
import fr.relais.protocol.WireValue;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/** The alert routes: list, one, acknowledge, clear by hand. */
public final class AlertRoutes {
    static final int DEFAULT_LIMIT = 100;
    private static final List<String> STATES = List.of("open", "acknowledged", "cleared", "active");
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final Vertx vertx;
    private final AlertService alerts;

    public AlertRoutes(Vertx vertx, AlertService alerts) {
        this.vertx = vertx;
        this.alerts = alerts;
    }

    public void mount(Router router) {
        router.get("/api/alerts").handler(this::list);
        router.get("/api/alerts/:id").handler(this::one);
        router.post("/api/alerts/:id/ack").handler(BodyHandler.create(false).setBodyLimit(AlertBody.MAX_BODY_BYTES))
                .handler(ctx -> change(ctx, false));
        router.post("/api/alerts/:id/clear").handler(BodyHandler.create(false).setBodyLimit(AlertBody.MAX_BODY_BYTES))
                .handler(ctx -> change(ctx, true));
    }

    private void list(RoutingContext ctx) {
        Integer limit = ApiServer.limit(ctx, DEFAULT_LIMIT);
        if (limit == null) {
            return;
        }
        String state = ctx.request().getParam("state");
        if (state != null && !STATES.contains(state)) {
            ApiServer.fail(ctx, 400, "state must be one of " + STATES + ", got '" + state + "'");
            return;
        }
        String site = ctx.request().getParam("site");
        if (site != null && !Ids.isValid(site)) {
            ApiServer.fail(ctx, 400, "site " + Ids.problem(site));
            return;
        }
        Caller caller = Caller.of(ctx);
        if (caller != null && caller.role() == Role.VIEWER) {
            // A viewer's alerts are their own site's, whatever they ask.
            if (site != null && !site.equals(caller.site())) {
                ApiServer.fail(ctx, 400, "site: this account sees site " + caller.site() + " only");
                return;
            }
            site = caller.site();
        }
        String severity = ctx.request().getParam("severity");
        if (severity != null && WireValue.fromWire(Severity.class, severity) == null) {
            ApiServer.fail(ctx, 400, "severity must be one of " + WireValue.choices(Severity.class) + ", got '"
                    + severity + "'");
            return;
        }
        AlertRows.AlertFilter filter = new AlertRows.AlertFilter(state, site, severity, limit);
        answer(ctx, () -> {
            JsonArray array = new JsonArray();
            alerts.list(filter).forEach(alert -> array.add(NoticeText.alert(alert)));
            return array;
        });
    }

    private void one(RoutingContext ctx) {
        String id = id(ctx);
        if (id != null) {
            Caller caller = Caller.of(ctx);
            // Another site's alert is as unknown to a viewer as a missing one.
            answer(ctx, () -> alerts.find(id).filter(alert -> caller == null || caller.sees(alert.site()))
                    .map(NoticeText::alert).orElseThrow(() -> new AlertService.Refused(true, "no alert " + id)));
        }
    }

    private void change(RoutingContext ctx, boolean clear) {
        String id = id(ctx);
        if (id == null) {
            return;
        }
        AlertBody body;
        try {
            body = AlertBody.parse(ctx.body().buffer() == null ? null : ctx.body().buffer().getBytes(), clear);
        } catch (AlertBody.Invalid e) {
            ApiServer.fail(ctx, 400, e.getMessage());
            return;
        }
        // Who acknowledges or clears is the account logged in; a "by" in the body must agree.
        Caller caller = Caller.of(ctx);
        String by = caller != null ? caller.username() : body.by().orElse(null);
        if (by == null || body.by().filter(named -> !named.equals(by)).isPresent()) {
            ApiServer.fail(ctx, 400, by == null ? "by must name who does it"
                    : "by must be the account logged in (" + by + "), got '" + body.by().get() + "'");
            return;
        }
        String comment = body.comment().orElse(null);
        Audit.summary(ctx, (clear ? "alert cleared " : "alert acknowledged ") + id);
        answer(ctx, () -> NoticeText.alert(clear ? alerts.clear(id, by, comment)
                : alerts.acknowledge(id, by, comment)));
    }

    /** The alert id of the path, lower-cased, or null once a 400 has been answered. */
    private static String id(RoutingContext ctx) {
        String asked = ctx.pathParam("id");
        if (!UUID_TEXT.matcher(asked).matches()) {
            ApiServer.fail(ctx, 400, "an alert id is a UUID, got '" + asked + "'");
            return null;
        }
        return asked.toLowerCase(java.util.Locale.ROOT);
    }

    private void answer(RoutingContext ctx, Callable<Object> work) {
        vertx.executeBlocking(work, false).onComplete(result -> {
            if (result.succeeded()) {
                ctx.json(result.result());
            } else if (result.cause() instanceof AlertService.Refused refused) {
                ApiServer.fail(ctx, refused.unknown() ? 404 : 409, refused.getMessage());
            } else {
                ctx.fail(500, result.cause());
            }
        });
    }
}
