package fr.relais.hub.occupancy;

import fr.relais.hub.auth.Caller;
import fr.relais.hub.web.ApiErrors;
import fr.relais.protocol.Ids;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.sql.Connection;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;

/**
 * {@code /api/occupancy/now|heatmap|days|months} and {@code /api/occupancy.csv}. Periods are local
 * days {@code from} and {@code to} (both included; by default the last 4 weeks, today included), at
 * most 3 years. A viewer, manager or mediator sees their own site only: {@code site} defaults to it,
 * another one is a 400 as in the fleet's lists; an admin or technician names the site. An unknown
 * site is a 404.
 */
public final class OccupancyRoutes {
    static final int DEFAULT_DAYS = 28;
    static final int MAX_YEARS = 3;

    private final Vertx vertx;
    private final OccupancyStore store;
    private final OccupancyNow now;
    private final Clock clock;

    /** @param connection the coworking data's connection (shared, serialised on it): the answers are small */
    public OccupancyRoutes(Vertx vertx, Connection connection, Clock clock) {
        this.vertx = vertx;
        this.store = new OccupancyStore(connection);
        this.now = new OccupancyNow(connection, clock);
        this.clock = clock;
    }

    public void mount(Router router) {
        router.get("/api/occupancy/now").handler(ctx -> {
            String site = site(ctx);
            if (site != null) {
                json(ctx, site, () -> OccupancyJson.now(now.of(site)).encode());
            }
        });
        router.get("/api/occupancy/heatmap").handler(ctx -> period(ctx, (site, p) ->
                OccupancyJson.heatmap(store.heatmap(site, p.from, p.to)).encode()));
        router.get("/api/occupancy/days").handler(ctx -> period(ctx, (site, p) ->
                OccupancyJson.periods(store.days(site, p.from, p.to), "days", "day").encode()));
        router.get("/api/occupancy/months").handler(ctx -> period(ctx, (site, p) ->
                OccupancyJson.periods(store.months(site, p.from, p.to), "months", "month").encode()));
        router.get("/api/occupancy.csv").handler(this::csv);
    }

    private record Period(LocalDate from, LocalDate to) {
    }

    private interface Answer {
        String of(String site, Period period);
    }

    private void period(RoutingContext ctx, Answer answer) {
        String site = site(ctx);
        Period period = site == null ? null : period(ctx);
        if (period != null) {
            json(ctx, site, () -> answer.of(site, period));
        }
    }

    private void csv(RoutingContext ctx) {
        String site = site(ctx);
        Period period = site == null ? null : period(ctx);
        if (period == null) {
            return;
        }
        String view = ctx.request().getParam("view", "heatmap");
        Callable<String> body = switch (view) {
            case "heatmap" -> () -> OccupancyCsv.heatmap(store.heatmap(site, period.from, period.to));
            case "days" -> () -> OccupancyCsv.periods(store.days(site, period.from, period.to), "jour");
            case "months" -> () -> OccupancyCsv.periods(store.months(site, period.from, period.to), "mois");
            default -> null;
        };
        if (body == null) {
            ApiErrors.fail(ctx, 400, "view must be heatmap, days or months, got '" + shorten(view) + "'");
            return;
        }
        answer(ctx, site, body, "text/csv; charset=utf-8", "attachment; filename=frequentation-" + site + "-" + view
                + ".csv");
    }

    private void json(RoutingContext ctx, String site, Callable<String> body) {
        answer(ctx, site, body, "application/json; charset=utf-8", null);
    }

    private void answer(RoutingContext ctx, String site, Callable<String> body, String type, String disposition) {
        vertx.executeBlocking(() -> store.siteExists(site) ? body.call() : null, false).onComplete(result -> {
            if (result.failed()) {
                ctx.fail(500, result.cause());
            } else if (result.result() == null) {
                ApiErrors.fail(ctx, 404, "no site " + site);
            } else {
                if (disposition != null) {
                    ctx.response().putHeader("content-disposition", disposition);
                }
                ctx.response().putHeader("content-type", type).end(result.result());
            }
        });
    }

    /** The site asked, held to a site-scoped caller's own; null once a 400 was answered. */
    private static String site(RoutingContext ctx) {
        String asked = ctx.request().getParam("site");
        Caller caller = Caller.of(ctx);
        String own = caller != null && caller.role().siteScoped() ? caller.site() : null;
        if (asked == null || asked.isEmpty()) {
            if (own == null) {
                ApiErrors.fail(ctx, 400, "site is required: the site to show, such as ?site=rozoy");
            }
            return own;
        }
        if (Ids.problem(asked) != null) {
            ApiErrors.fail(ctx, 400, "site " + Ids.problem(shorten(asked)));
            return null;
        }
        if (own != null && !asked.equals(own)) {
            ApiErrors.fail(ctx, 400, "site: this account sees site " + own + " only");
            return null;
        }
        return asked;
    }

    /** {@code from} and {@code to}, by default the last 4 weeks; null once a 400 was answered. */
    private Period period(RoutingContext ctx) {
        LocalDate today = LocalDate.now(clock.withZone(LocalHours.ZONE));
        try {
            LocalDate to = day(ctx, "to", today);
            LocalDate from = day(ctx, "from", to.minusDays(DEFAULT_DAYS - 1));
            if (from.isAfter(to)) {
                throw new IllegalArgumentException("from (" + from + ") must not be after to (" + to + ")");
            }
            if (from.plusYears(MAX_YEARS).isBefore(to)) {
                throw new IllegalArgumentException("from and to: the period must be at most " + MAX_YEARS
                        + " years, got " + from + " to " + to);
            }
            return new Period(from, to);
        } catch (IllegalArgumentException e) {
            ApiErrors.fail(ctx, 400, e.getMessage());
            return null;
        }
    }

    private static LocalDate day(RoutingContext ctx, String name, LocalDate absent) {
        String asked = ctx.request().getParam(name);
        if (asked == null || asked.isEmpty()) {
            return absent;
        }
        try {
            if (asked.length() != 10) {
                throw new DateTimeParseException("not yyyy-mm-dd", asked, 0);
            }
            return LocalDate.parse(asked);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be a day yyyy-mm-dd, such as 2026-12-01, got '"
                    + shorten(asked) + "'");
        }
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
