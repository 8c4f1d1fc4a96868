package fr.relais.hub.alert;

import fr.relais.hub.auth.Audit;
import fr.relais.hub.auth.Caller;
import fr.relais.hub.registry.Filters;
import fr.relais.hub.registry.RegistryReader;
import fr.relais.hub.web.ApiErrors;
import fr.relais.hub.web.ListParams;
import fr.relais.hub.web.PagedReply;
import fr.relais.hub.web.Period;
import fr.relais.protocol.Severity;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.Set;
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
    private final AlertList listing;

    public AlertRoutes(Vertx vertx, AlertService alerts, RegistryReader registry) {
        this.vertx = vertx;
        this.alerts = alerts;
        this.listing = new AlertList(registry);
    }

    public void mount(Router router) {
        router.get("/api/alerts").handler(this::list);
        router.get("/api/alerts/:id").handler(this::one);
        router.post("/api/alerts/:id/ack").handler(BodyHandler.create(false).setBodyLimit(AlertBody.MAX_BODY_BYTES))
                .handler(ctx -> change(ctx, false));
        router.post("/api/alerts/:id/clear").handler(BodyHandler.create(false).setBodyLimit(AlertBody.MAX_BODY_BYTES))
                .handler(ctx -> change(ctx, true));
    }

    /**
     * Newest first, paged by cursor like the registry's lists; a viewer's held to their own site.
     * {@code from} and {@code to} bound when the alert opened ({@code to} excluded).
     */
    private void list(RoutingContext ctx) {
        PagedReply.send(vertx, ctx, Set.of("state", "site", "severity", "node", "device", Period.FROM, Period.TO),
                DEFAULT_LIMIT, params -> {
            String site = params.id("site");
            Caller caller = Caller.of(ctx);
            if (caller != null && caller.role().siteScoped()) {
                if (site != null && !site.equals(caller.site())) {
                    throw new ListParams.Bad("site: this account sees site " + caller.site() + " only");
                }
                site = caller.site();
            }
            // A node of another site names nothing a viewer sees: the site condition keeps its alerts out.
            Period opened = Period.of(params);
            Filters.Alerts filter = new Filters.Alerts(params.choice("state", STATES), site,
                    params.choice("severity", ListParams.wire(Severity.class)), params.id("node"), params.id("device"),
                    opened.from(), opened.to());
            return page -> listing.page(filter, page);
        }, AlertNotices::json);
    }

    private void one(RoutingContext ctx) {
        String id = id(ctx);
        if (id != null) {
            Caller caller = Caller.of(ctx);
            // Another site's alert is as unknown to a viewer as a missing one.
            answer(ctx, () -> alerts.find(id).filter(alert -> caller == null || caller.sees(alert.site()))
                    .map(AlertNotices::json).orElseThrow(() -> new AlertService.Refused(true, "no alert " + id)));
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
            ApiErrors.fail(ctx, 400, e.getMessage());
            return;
        }
        // Who acknowledges or clears is the account logged in; a "by" in the body must agree.
        Caller caller = Caller.of(ctx);
        String by = caller != null ? caller.username() : body.by().orElse(null);
        if (by == null || body.by().filter(named -> !named.equals(by)).isPresent()) {
            ApiErrors.fail(ctx, 400, by == null ? "by must name who does it"
                    : "by must be the account logged in (" + by + "), got '" + body.by().get() + "'");
            return;
        }
        String comment = body.comment().orElse(null);
        Audit.summary(ctx, (clear ? "alert cleared " : "alert acknowledged ") + id);
        answer(ctx, () -> AlertNotices.json(clear ? alerts.clear(id, by, comment)
                : alerts.acknowledge(id, by, comment)));
    }

    /** The alert id of the path, lower-cased, or null once a 400 has been answered. */
    private static String id(RoutingContext ctx) {
        String asked = ctx.pathParam("id");
        if (!UUID_TEXT.matcher(asked).matches()) {
            ApiErrors.fail(ctx, 400, "an alert id is a UUID, got '" + asked + "'");
            return null;
        }
        return asked.toLowerCase(java.util.Locale.ROOT);
    }

    private void answer(RoutingContext ctx, Callable<Object> work) {
        vertx.executeBlocking(work, false).onComplete(result -> {
            if (result.succeeded()) {
                ctx.json(result.result());
            } else if (result.cause() instanceof AlertService.Refused refused) {
                ApiErrors.fail(ctx, refused.unknown() ? 404 : 409, refused.getMessage());
            } else {
                ctx.fail(500, result.cause());
            }
        });
    }
}
