package fr.relais.hub.van;

import fr.relais.hub.auth.Audit;
import fr.relais.hub.auth.SiteScope.Anonymous;
import fr.relais.hub.auth.SiteScope;
import fr.relais.hub.content.ContentChanges;
import fr.relais.hub.db.Database;
import fr.relais.hub.place.Body;
import fr.relais.hub.place.Commune;
import fr.relais.hub.place.PlaceSql;
import fr.relais.hub.web.Refusal;
import fr.relais.hub.web.Replies;
import fr.relais.protocol.Ids;
import fr.relais.protocol.MessageIds;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;

/**
 * The van's routes under /api/van: the communes, the computed visits and the iCalendar feeds
 * (public reads: the tour is published information), the stops and exceptions (reads for any
 * account, since the feeds publish them anyway; writes for those who run the van's site,
 * {@code Caller.runs}). Every write is audited and tells {@link ContentChanges#changedAll()}
 * once committed: every kiosk shows the tour.
 */
public final class VanApi {
    static final int MAX_BODY_BYTES = 16 * 1024;

    private final Vertx vertx;
    private final TourStore store;
    private final ContentChanges changes;
    private final Clock clock;
    private final VanReads reads;

    /** @param publicUrl the hub's address as the public reaches it ({@code HubConfig.publicUrl}) */
    public VanApi(Vertx vertx, Database database, ContentChanges changes, Clock clock, String publicUrl) {
        this(vertx, new PlaceSql(database.coworking()), changes, clock, () -> publicUrl);
    }

    /** @param publicUrl read at each request: the hub's own address is known once it listens (port 0) */
    public VanApi(Vertx vertx, Database database, ContentChanges changes, Clock clock,
                  java.util.function.Supplier<String> publicUrl) {
        this(vertx, new PlaceSql(database.coworking()), changes, clock, publicUrl);
    }

    VanApi(Vertx vertx, PlaceSql sql, ContentChanges changes, Clock clock,
           java.util.function.Supplier<String> publicUrl) {
        this.vertx = vertx;
        this.store = new TourStore(sql);
        this.changes = changes;
        this.clock = clock;
        this.reads = new VanReads(vertx, store, clock, publicUrl);
    }

    public void mount(Router router) {
        router.route("/api/van/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        reads.mount(router);
        router.post("/api/van/stops").handler(this::createStop);
        router.patch("/api/van/stops/:id").handler(this::changeStop);
        router.delete("/api/van/stops/:id").handler(this::deleteStop);
        router.post("/api/van/exceptions").handler(this::createException);
        router.delete("/api/van/exceptions/:id").handler(this::deleteException);
    }

    private void createStop(RoutingContext ctx) {
        VanStop asked;
        try {
            asked = TourBodies.stop(Body.of(ctx, TourBodies.STOP_FIELDS), MessageIds.next().toString(), null);
        } catch (Refusal e) {
            Replies.failed(ctx, e);
            return;
        }
        Audit.summary(ctx, "van stop " + asked.id() + " created at " + asked.communeId());
        Replies.answer(vertx, ctx, 201, () -> {
            mayRunTheVan(ctx);
            Commune commune = commune(asked.communeId());
            store.saveStop(asked, clock.millis(), true);
            changes.changedAll();
            return VanJson.stop(asked, commune.name());
        });
    }

    private void changeStop(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Body body;
        try {
            body = Body.of(ctx, TourBodies.STOP_FIELDS);
        } catch (Refusal e) {
            Replies.failed(ctx, e);
            return;
        }
        Audit.summary(ctx, "van stop " + id + " changed");
        Replies.answer(vertx, ctx, 200, () -> {
            mayRunTheVan(ctx);
            VanStop before = store.stop(id).orElseThrow(() -> Refusal.notFound("no van stop " + id));
            VanStop changed = TourBodies.stop(body, id, before);
            Commune commune = commune(changed.communeId());
            store.saveStop(changed, clock.millis(), false);
            changes.changedAll();
            return VanJson.stop(changed, commune.name());
        });
    }

    private void deleteStop(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Audit.summary(ctx, "van stop " + id + " deleted");
        Replies.answer(vertx, ctx, 204, () -> {
            mayRunTheVan(ctx);
            if (!store.deleteStop(id)) {
                throw Refusal.notFound("no van stop " + id);
            }
            changes.changedAll();
            return null;
        });
    }

    private void createException(RoutingContext ctx) {
        VanException asked;
        try {
            asked = TourBodies.exception(Body.of(ctx, TourBodies.EXCEPTION_FIELDS), MessageIds.next().toString());
        } catch (Refusal e) {
            Replies.failed(ctx, e);
            return;
        }
        Audit.summary(ctx, "van exception " + asked.id() + " (" + asked.kind() + ") on " + asked.date());
        Replies.answer(vertx, ctx, 201, () -> {
            mayRunTheVan(ctx);
            check(asked);
            store.addException(asked, clock.millis());
            changes.changedAll();
            return VanJson.exception(asked);
        });
    }

    /** The stop visits that day, the commune exists, and the same exception is not there already. */
    private void check(VanException asked) {
        if (asked.stopId() != null) {
            VanStop stop = store.stop(asked.stopId()).orElseThrow(() -> Refusal.invalid("stop: no van stop "
                    + asked.stopId()));
            if (!stop.dayIn(YearMonth.from(asked.date())).equals(asked.date()) || !stop.validOn(asked.date())) {
                throw Refusal.invalid("date: stop " + stop.id() + " does not visit on " + asked.date() + " (it comes on "
                        + stop.dayIn(YearMonth.from(asked.date())) + ")");
            }
        }
        if (asked.communeId() != null) {
            commune(asked.communeId());
        }
        boolean duplicate = store.exceptions().stream().anyMatch(e -> !e.kind().equals("added")
                && !asked.kind().equals("added") && e.date().equals(asked.date())
                && java.util.Objects.equals(e.stopId(), asked.stopId()));
        if (duplicate) {
            throw new Refusal(409, "that visit has an exception on " + asked.date() + " already; delete it first");
        }
    }

    private void deleteException(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Audit.summary(ctx, "van exception " + id + " deleted");
        Replies.answer(vertx, ctx, 204, () -> {
            mayRunTheVan(ctx);
            if (!store.deleteException(id)) {
                throw Refusal.notFound("no van exception " + id);
            }
            changes.changedAll();
            return null;
        });
    }

    private Commune commune(String id) {
        if (Ids.problem(id) != null) {
            throw Refusal.invalid("commune " + Ids.problem(id));
        }
        return store.territory().commune(id).orElseThrow(() -> Refusal.invalid("commune: no commune " + id));
    }

    /** The van's site is the registry's site of kind van; with none, only admins and technicians run it. */
    private void mayRunTheVan(RoutingContext ctx) {
        SiteScope.mayRun(ctx, store.territory().vanSite().orElse(null), Anonymous.REFUSED, Body.NOT_RUN);
    }

    static JsonObject items(List<JsonObject> rows) {
        JsonArray items = new JsonArray();
        rows.forEach(items::add);
        return new JsonObject().put("items", items).put("next", (String) null);
    }
}
