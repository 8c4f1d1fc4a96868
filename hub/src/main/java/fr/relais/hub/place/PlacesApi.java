package fr.relais.hub.place;

import fr.relais.hub.auth.Audit;
import fr.relais.hub.auth.Caller;
import fr.relais.hub.auth.SiteScope.Anonymous;
import fr.relais.hub.auth.SiteScope;
import fr.relais.hub.content.ContentChanges;
import fr.relais.hub.db.Database;
import fr.relais.hub.web.Refusal;
import fr.relais.hub.web.Replies;
import fr.relais.protocol.MessageIds;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The places' routes under /api/places: the places, their weekly hours and dated exceptions. A
 * write needs {@link Caller#runs} of the place's site, a read {@link Caller#sees}; every write is
 * audited, and tells {@link ContentChanges} once committed (the kiosk shows the hours).
 */
public final class PlacesApi {
    static final int MAX_BODY_BYTES = 32 * 1024;
    private static final Set<String> PERIOD_FIELDS = Set.of("day", "opens", "closes");
    private static final Set<String> EXCEPTION_FIELDS = Set.of("date", "closed", "opens", "closes", "label");

    private final Vertx vertx;
    private final Territory territory;
    private final HoursStore hours;
    private final ContentChanges changes;
    private final Clock clock;

    public PlacesApi(Vertx vertx, Database database, ContentChanges changes, Clock clock) {
        this(vertx, new PlaceSql(database.coworking()), changes, clock);
    }

    PlacesApi(Vertx vertx, PlaceSql sql, ContentChanges changes, Clock clock) {
        this.vertx = vertx;
        this.territory = new Territory(sql);
        this.hours = new HoursStore(sql);
        this.changes = changes;
        this.clock = clock;
    }

    public void mount(Router router) {
        router.route("/api/places/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        router.get("/api/places").handler(this::list);
        router.get("/api/places/:site").handler(this::one);
        router.get("/api/places/:site/hours").handler(this::readHours);
        router.put("/api/places/:site/hours").handler(this::replaceWeekly);
        router.post("/api/places/:site/hours/exceptions").handler(this::addException);
        router.delete("/api/places/:site/hours/exceptions/:id").handler(this::deleteException);
    }

    private void list(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        Replies.list(vertx, ctx, () -> {
            Map<String, Commune> communes = communes();
            boolean example = territory.example();
            JsonArray items = new JsonArray();
            territory.places(null).stream().filter(p -> caller == null || caller.sees(p.site()))
                    .forEach(p -> items.add(PlaceJson.place(p, communes, example)));
            return new Replies.Listing(new JsonObject().put("items", items).put("next", (String) null), items.size(),
                    null);
        });
    }

    private void one(RoutingContext ctx) {
        String site = ctx.pathParam("site");
        Replies.answer(vertx, ctx, 200, () -> {
            Place place = known(ctx, site);
            return PlaceJson.place(place, communes(), territory.example());
        });
    }

    private void readHours(RoutingContext ctx) {
        String site = ctx.pathParam("site");
        Replies.answer(vertx, ctx, 200, () -> {
            known(ctx, site);
            return hoursOf(site);
        });
    }

    private void replaceWeekly(RoutingContext ctx) {
        String site = ctx.pathParam("site");
        List<WeeklyPeriod> weekly;
        try {
            weekly = weekly(Body.of(ctx, Set.of("weekly")));
        } catch (Refusal e) {
            Replies.failed(ctx, e);
            return;
        }
        Audit.summary(ctx, "weekly hours of " + site + " replaced (" + weekly.size() + " periods)");
        Replies.answer(vertx, ctx, 200, () -> {
            known(ctx, site);
            SiteScope.mayRun(ctx, site, Anonymous.REFUSED, Body.NOT_RUN);
            hours.replaceWeekly(site, weekly);
            changes.changed(site);
            return hoursOf(site);
        });
    }

    /** Periods of a day may not overlap: a place cannot open twice at once. */
    static List<WeeklyPeriod> weekly(Body body) throws Refusal {
        List<WeeklyPeriod> weekly = new ArrayList<>();
        List<Body> items = body.objects("weekly", 70, PERIOD_FIELDS);
        for (Body item : items) {
            LocalTime opens = item.time("opens", true);
            LocalTime closes = item.time("closes", true);
            if (!opens.isBefore(closes)) {
                throw Refusal.invalid(item.named("closes") + " must be after opens");
            }
            WeeklyPeriod period = new WeeklyPeriod(item.day("day", true), opens, closes);
            for (WeeklyPeriod other : weekly) {
                if (other.day() == period.day() && other.opens().isBefore(closes) && opens.isBefore(other.closes())) {
                    throw Refusal.invalid(item.named("opens") + " overlaps another period of " + period.day());
                }
            }
            weekly.add(period);
        }
        return weekly;
    }

    private void addException(RoutingContext ctx) {
        String site = ctx.pathParam("site");
        HoursException exception;
        try {
            Body body = Body.of(ctx, EXCEPTION_FIELDS);
            boolean closed = Boolean.TRUE.equals(body.bool("closed"));
            LocalTime opens = body.time("opens", !closed);
            LocalTime closes = body.time("closes", !closed);
            if (closed && (opens != null || closes != null)) {
                throw Refusal.invalid("opens and closes must be absent on a closed day");
            }
            if (!closed && !opens.isBefore(closes)) {
                throw Refusal.invalid("closes must be after opens");
            }
            exception = new HoursException(MessageIds.next().toString(), body.date("date", true), closed, opens,
                    closes, body.text("label", false, 120));
        } catch (Refusal e) {
            Replies.failed(ctx, e);
            return;
        }
        Audit.summary(ctx, "hours exception " + exception.id() + " of " + site + " on " + exception.date());
        Replies.answer(vertx, ctx, 201, () -> {
            known(ctx, site);
            SiteScope.mayRun(ctx, site, Anonymous.REFUSED, Body.NOT_RUN);
            if (hours.hours(site).exceptions().stream().anyMatch(e -> e.date().equals(exception.date()))) {
                throw new Refusal(409, "date: " + exception.date() + " has an exception already; delete it first");
            }
            hours.addException(site, exception, clock.millis());
            changes.changed(site);
            return PlaceJson.exception(exception);
        });
    }

    private void deleteException(RoutingContext ctx) {
        String site = ctx.pathParam("site");
        String id = ctx.pathParam("id");
        Audit.summary(ctx, "hours exception " + id + " of " + site + " deleted");
        Replies.answer(vertx, ctx, 204, () -> {
            known(ctx, site);
            SiteScope.mayRun(ctx, site, Anonymous.REFUSED, Body.NOT_RUN);
            if (!hours.deleteException(site, id)) {
                throw Refusal.notFound("no hours exception " + id + " at " + site);
            }
            changes.changed(site);
            return null;
        });
    }

    private JsonObject hoursOf(String site) {
        OpeningHours opening = hours.hours(site);
        return PlaceJson.hours(site, opening, opening.at(clock.instant()), territory.example());
    }

    /** The place of the path, if the caller may see it. */
    private Place known(RoutingContext ctx, String site) {
        if (fr.relais.protocol.Ids.problem(site) != null) {
            throw Refusal.invalid("site " + fr.relais.protocol.Ids.problem(site));
        }
        SiteScope.maySee(ctx, site, Anonymous.PASSES, Body.NOT_SEEN);
        return territory.place(site).orElseThrow(() -> Refusal.notFound("no place " + site));
    }

    private Map<String, Commune> communes() {
        return territory.communes().stream().collect(Collectors.toMap(Commune::id, Function.identity()));
    }
}
