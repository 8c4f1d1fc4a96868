package fr.relais.hub.cowork;

import fr.relais.hub.auth.SiteScope;
import fr.relais.hub.db.Page;
import fr.relais.hub.db.PageRequest;
import fr.relais.hub.web.ApiErrors;
import fr.relais.hub.web.Refusal;
import fr.relais.hub.web.Replies;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Who is in, who came (by visit, or per day or month and member, also as CSV), and the doors' access log. */
final class PresenceRoutes {
    static final List<String> GROUPS = List.of("day", "month");
    /** A CSV export holds at most this many rows: a year of a busy place's visits. */
    static final int MAX_CSV_ROWS = 50_000;
    private static final Duration DEFAULT_SPAN = Duration.ofDays(31);

    private final Vertx vertx;
    private final PresenceStore presence;
    private final AccessLogStore accessLog;
    private final SiteSettingsStore settings;
    private final Clock clock;

    PresenceRoutes(Vertx vertx, PresenceStore presence, AccessLogStore accessLog, SiteSettingsStore settings,
                   Clock clock) {
        this.vertx = vertx;
        this.presence = presence;
        this.accessLog = accessLog;
        this.settings = settings;
        this.clock = clock;
    }

    void mount(Router router) {
        router.get("/api/coworking/presence/now").handler(this::now);
        router.get("/api/coworking/presence").handler(ctx -> presence(ctx, false));
        router.get("/api/coworking/presence.csv").handler(ctx -> presence(ctx, true));
        router.get("/api/coworking/access-log").handler(this::accessLog);
    }

    private void now(RoutingContext ctx) {
        try {
            CoworkQuery query = CoworkQuery.of(ctx.queryParams(), Set.of("site"));
            String site = SiteScope.listed(ctx, query.id("site"), CoworkQuery.OWN_SITE);
            Replies.page(vertx, ctx, query.page(), page -> {
                closeForgotten(site);
                return presence.now(site, page);
            }, visit -> visit);
        } catch (CoworkBody.Invalid e) {
            ApiErrors.fail(ctx, 400, e.getMessage());
        } catch (Refusal e) {
            Replies.failed(ctx, e);
        }
    }

    private void presence(RoutingContext ctx, boolean csv) {
        try {
            CoworkQuery query = CoworkQuery.of(ctx.queryParams(), Set.of("site", "from", "to", "group"));
            String site = SiteScope.listed(ctx, query.id("site"), CoworkQuery.OWN_SITE);
            String group = query.choice("group", GROUPS);
            Instant to = query.instant("to");
            Instant from = query.instant("from");
            long until = (to == null ? clock.instant() : to).toEpochMilli();
            long since = from == null ? until - DEFAULT_SPAN.toMillis() : from.toEpochMilli();
            if (group != null && site == null) {
                throw new CoworkBody.Invalid("site is required with group: days and months are the site's local ones");
            }
            PageRequest request = query.page();
            if (group == null && !csv) {
                Replies.page(vertx, ctx, request, page -> {
                    closeForgotten(site);
                    return presence.visits(site, since, until, page);
                }, visit -> visit);
                return;
            }
            vertx.executeBlocking(() -> {
                closeForgotten(site);
                return group != null ? presence.grouped(site, since, until, group, settings.of(site).timeZone(),
                        clock.millis()) : allVisits(site, since, until);
            }, false).onComplete(result -> {
                if (result.failed()) {
                    Replies.failed(ctx, result.cause());
                } else if (csv) {
                    ctx.response().putHeader("content-type", "text/csv; charset=utf-8")
                            .putHeader("content-disposition", "attachment; filename=\"presence.csv\"")
                            .end(PresenceCsv.of(result.result(), group != null));
                } else {
                    ctx.json(new JsonObject().put("items", new JsonArray(new ArrayList<>(result.result())))
                            .putNull("next"));
                }
            });
        } catch (CoworkBody.Invalid e) {
            ApiErrors.fail(ctx, 400, e.getMessage());
        } catch (Refusal e) {
            Replies.failed(ctx, e);
        }
    }

    private List<JsonObject> allVisits(String site, long since, long until) throws Exception {
        List<JsonObject> rows = new ArrayList<>();
        Page<JsonObject> page = presence.visits(site, since, until, PageRequest.first(PageRequest.MAX_LIMIT));
        rows.addAll(page.rows());
        while (page.next().isPresent() && rows.size() < MAX_CSV_ROWS) {
            page = presence.visits(site, since, until, new PageRequest(PageRequest.MAX_LIMIT, page.next()));
            rows.addAll(page.rows());
        }
        return rows;
    }

    /** Applies the automatic check-out of the site (or of every site) before showing presence. */
    private void closeForgotten(String site) {
        Instant now = clock.instant();
        if (site != null) {
            presence.autoCheckout(site, now);
        } else {
            presence.openSites().forEach(one -> presence.autoCheckout(one, now));
        }
    }

    private void accessLog(RoutingContext ctx) {
        try {
            CoworkQuery query = CoworkQuery.of(ctx.queryParams(), Set.of("site", "from", "to", "member"));
            String site = SiteScope.listed(ctx, query.id("site"), CoworkQuery.OWN_SITE);
            Instant from = query.instant("from");
            Instant to = query.instant("to");
            String member = query.id("member");
            Replies.page(vertx, ctx, query.page(), page -> accessLog.list(site,
                    from == null ? null : from.toEpochMilli(), to == null ? null : to.toEpochMilli(), member, page),
                    entry -> entry);
        } catch (CoworkBody.Invalid e) {
            ApiErrors.fail(ctx, 400, e.getMessage());
        } catch (Refusal e) {
            Replies.failed(ctx, e);
        }
    }
}
