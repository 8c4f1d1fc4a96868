package fr.relais.hub.api;

import fr.relais.hub.alert.AlertService;
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
        Integer limit = limit(ctx, DEFAULT_LIMIT);
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
            answer(ctx, () -> alerts.find(id).map(NoticeText::alert)
                    .orElseThrow(() -> new AlertService.Refused(true, "no alert " + id)));
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
        String comment = body.comment().orElse(null);
        answer(ctx, () -> NoticeText.alert(clear ? alerts.clear(id, body.by(), comment)
                : alerts.acknowledge(id, body.by(), comment)));
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

    /** The {@code limit} parameter (1 to 1000), or null once a 400 has been answered. */
    private static Integer limit(RoutingContext ctx, int defaultLimit) {
        String asked = ctx.request().getParam("limit");
        if (asked == null) {
            return defaultLimit;
        }
        int limit;
        try {
            limit = Integer.parseInt(asked);
        } catch (NumberFormatException e) {
            ApiServer.fail(ctx, 400, "limit must be a whole number, got '" + asked + "'");
            return null;
        }
        if (limit < 1 || limit > 1000) {
            ApiServer.fail(ctx, 400, "limit must be between 1 and 1000, got " + limit);
            return null;
        }
        return limit;
    }
}
