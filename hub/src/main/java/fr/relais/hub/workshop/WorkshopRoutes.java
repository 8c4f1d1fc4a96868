package fr.relais.hub.workshop;

import fr.relais.hub.auth.Audit;
import fr.relais.hub.auth.SiteScope.Anonymous;
import fr.relais.hub.auth.SiteScope;
import fr.relais.hub.content.ContentChanges;
import fr.relais.hub.place.BookingCode;
import fr.relais.hub.place.PlaceBody;
import fr.relais.hub.place.PlaceTimes;
import fr.relais.hub.web.Refusal;
import fr.relais.hub.web.Replies;
import fr.relais.protocol.MessageIds;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * {@code /api/workshops}: a place's workshops, registrations at the desk and cancellations. A
 * write needs {@code Caller.runs(site)}, a read {@code Caller.sees(site)}; each write is audited
 * and tells {@link ContentChanges} once committed, so the place's kiosk shows it.
 */
final class WorkshopRoutes {
    /** A workshop lasts at most a day: longer is a typing mistake. */
    static final Duration MAX_LENGTH = Duration.ofHours(12);
    private static final Set<String> FIELDS = Set.of("site", "title", "topic", "level", "start", "end", "seats",
            "professional", "place");

    private final Vertx vertx;
    private final WorkshopStore store;
    private final ContentChanges changes;
    private final Clock clock;

    WorkshopRoutes(Vertx vertx, WorkshopStore store, ContentChanges changes, Clock clock) {
        this.vertx = vertx;
        this.store = store;
        this.changes = changes;
        this.clock = clock;
    }

    void mount(Router router) {
        router.get("/api/workshops").handler(this::list);
        router.post("/api/workshops").handler(this::create);
        router.patch("/api/workshops/:id").handler(this::change);
        router.delete("/api/workshops/:id").handler(this::cancelWorkshop);
        router.get("/api/workshops/:id/registrations").handler(this::registrations);
        router.post("/api/workshops/:id/registrations").handler(this::register);
        router.delete("/api/workshops/:id/registrations/:code").handler(this::unregister);
    }

    private void list(RoutingContext ctx) {
        try {
            PlaceBody query = PlaceBody.query(ctx.queryParams(), Set.of("site", "from", "to", "limit", "cursor"));
            String site = SiteScope.listed(ctx, query.id("site", false), PlaceBody.NOT_RUN);
            Instant from = query.instant("from", false);
            Instant to = query.instant("to", false);
            Replies.page(vertx, ctx, PlaceBody.pageOf(query), page -> store.list(site, from, to, page),
                    WorkshopRoutes::json);
        } catch (Refusal refusal) {
            Replies.failed(ctx, refusal);
        }
    }

    private void create(RoutingContext ctx) {
        Replies.answer(vertx, ctx, 201, () -> {
            PlaceBody body = PlaceBody.of(ctx, FIELDS);
            String site = body.id("site", true);
            SiteScope.mayRun(ctx, site, Anonymous.PASSES, PlaceBody.NOT_RUN);
            Instant start = body.instant("start", true);
            Instant end = body.instant("end", true);
            checkTimes(start, end);
            Boolean professional = body.bool("professional");
            Workshop workshop = new Workshop(MessageIds.next().toString(), site, body.text("title", true, 160),
                    body.text("topic", true, 80), body.choice("level", true, Workshop.LEVELS), start.toEpochMilli(),
                    end.toEpochMilli(), body.whole("seats", true, 1, Workshop.MAX_SEATS),
                    professional != null && professional, body.text("place", false, 160), "active", false,
                    clock.millis(), 0);
            Audit.summary(ctx, "workshop " + workshop.id() + " created on " + site);
            store.create(workshop);
            changes.changed(site);
            return json(workshop);
        });
    }

    private void change(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Replies.answer(vertx, ctx, 200, () -> {
            PlaceBody body = PlaceBody.of(ctx, Set.of("title", "topic", "level", "start", "end", "seats",
                    "professional", "place", "status"));
            Workshop old = store.find(id).orElseThrow(() -> Refusal.notFound("no workshop " + id));
            SiteScope.mayRun(ctx, old.site(), Anonymous.PASSES, PlaceBody.NOT_RUN);
            Instant start = body.has("start") ? body.instant("start", true) : Instant.ofEpochMilli(old.startAt());
            Instant end = body.has("end") ? body.instant("end", true) : Instant.ofEpochMilli(old.endAt());
            checkTimes(start, end);
            Boolean professional = body.bool("professional");
            Workshop changed = new Workshop(id, old.site(), or(body.text("title", false, 160), old.title()),
                    or(body.text("topic", false, 80), old.topic()),
                    or(body.choice("level", false, Workshop.LEVELS), old.level()), start.toEpochMilli(),
                    end.toEpochMilli(), or(body.whole("seats", false, 1, Workshop.MAX_SEATS), old.seats()),
                    professional == null ? old.professional() : professional,
                    body.has("place") ? body.text("place", false, 160) : old.place(),
                    or(body.choice("status", false, Workshop.STATUSES), old.status()), old.example(), old.createdAt(),
                    old.registered());
            Audit.summary(ctx, "workshop " + id + " changed");
            Workshop saved = store.update(changed);
            changes.changed(saved.site());
            return json(saved);
        });
    }

    /** Deleting cancels: the registered people may still be told, and the numbers stay. */
    private void cancelWorkshop(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Audit.summary(ctx, "workshop " + id + " cancelled");
        Replies.answer(vertx, ctx, 200, () -> {
            Workshop old = store.find(id).orElseThrow(() -> Refusal.notFound("no workshop " + id));
            SiteScope.mayRun(ctx, old.site(), Anonymous.PASSES, PlaceBody.NOT_RUN);
            Workshop saved = store.update(new Workshop(id, old.site(), old.title(), old.topic(), old.level(),
                    old.startAt(), old.endAt(), old.seats(), old.professional(), old.place(), "cancelled",
                    old.example(), old.createdAt(), old.registered()));
            changes.changed(saved.site());
            return json(saved);
        });
    }

    private void registrations(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Replies.answer(vertx, ctx, 200, () -> {
            PlaceBody.query(ctx.queryParams(), Set.of());
            Workshop workshop = store.find(id).orElseThrow(() -> Refusal.notFound("no workshop " + id));
            SiteScope.maySee(ctx, workshop.site(), Anonymous.PASSES, PlaceBody.NOT_RUN);
            JsonArray items = new JsonArray();
            store.registrations(id).forEach(r -> items.add(json(r)));
            return new JsonObject().put("items", items).put("next", null);
        });
    }

    private void register(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Audit.summary(ctx, "registration to workshop " + id);
        Replies.answer(vertx, ctx, 201, () -> {
            PlaceBody body = PlaceBody.of(ctx, Set.of("firstName"));
            String firstName = body.firstName("firstName", false);
            Workshop workshop = store.find(id).orElseThrow(() -> Refusal.notFound("no workshop " + id));
            SiteScope.mayRun(ctx, workshop.site(), Anonymous.PASSES, PlaceBody.NOT_RUN);
            WorkshopStore.Registration registration = store.register(id, firstName, "desk", clock.millis());
            changes.changed(workshop.site());
            return json(registration);
        });
    }

    private void unregister(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        String code = ctx.pathParam("code");
        Audit.summary(ctx, "registration to workshop " + id + " cancelled");
        Replies.answer(vertx, ctx, 200, () -> {
            Workshop workshop = store.find(id).orElseThrow(() -> Refusal.notFound("no workshop " + id));
            SiteScope.mayRun(ctx, workshop.site(), Anonymous.PASSES, PlaceBody.NOT_RUN);
            String normalised = BookingCode.normalise(code);
            if (normalised == null) {
                throw Refusal.notFound(WorkshopStore.UNKNOWN_CODE);
            }
            WorkshopStore.Registration cancelled = store.cancel(id, normalised, clock.millis());
            changes.changed(workshop.site());
            return json(cancelled);
        });
    }

    private static void checkTimes(Instant start, Instant end) {
        if (!end.isAfter(start)) {
            throw PlaceBody.bad("end must be after start");
        }
        if (Duration.between(start, end).compareTo(MAX_LENGTH) > 0) {
            throw PlaceBody.bad("end: a workshop lasts at most " + MAX_LENGTH.toHours() + " hours");
        }
    }

    private static <T> T or(T value, T otherwise) {
        return value == null ? otherwise : value;
    }

    static JsonObject json(Workshop w) {
        return new JsonObject().put("id", w.id()).put("site", w.site()).put("title", w.title()).put("topic", w.topic())
                .put("level", w.level()).put("start", PlaceTimes.iso(w.startAt())).put("end", PlaceTimes.iso(w.endAt()))
                .put("seats", w.seats()).put("registered", w.registered()).put("free", w.free())
                .put("professional", w.professional()).put("place", w.place()).put("status", w.status())
                .put("example", w.example()).put("createdAt", PlaceTimes.iso(w.createdAt()));
    }

    static JsonObject json(WorkshopStore.Registration r) {
        return new JsonObject().put("workshop", r.workshopId()).put("code", r.code()).put("number", r.number())
                .put("firstName", r.firstName()).put("source", r.source()).put("createdAt", PlaceTimes.iso(r.createdAt()))
                .put("cancelledAt", r.cancelledAt() == null ? null : PlaceTimes.iso(r.cancelledAt()));
    }
}
