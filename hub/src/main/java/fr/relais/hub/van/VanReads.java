package fr.relais.hub.van;

import fr.relais.hub.place.Commune;
import fr.relais.hub.web.Refusal;
import fr.relais.hub.web.Replies;
import fr.relais.protocol.Ids;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The van's reads: communes, visits and feeds (public), stops and exceptions (any account). */
final class VanReads {
    static final int DEFAULT_DAYS = 62;
    static final int MAX_DAYS = 400;
    static final int DEFAULT_LIMIT = 200;
    private static final Set<String> VISIT_PARAMETERS = Set.of("commune", "from", "to", "limit", "cursor");

    private final Vertx vertx;
    private final TourStore store;
    private final Clock clock;
    private final java.util.function.Supplier<String> publicUrl;

    VanReads(Vertx vertx, TourStore store, Clock clock, java.util.function.Supplier<String> publicUrl) {
        this.vertx = vertx;
        this.store = store;
        this.clock = clock;
        this.publicUrl = publicUrl;
    }

    void mount(Router router) {
        router.get("/api/van/communes").handler(this::communes);
        router.get("/api/van/visits").handler(this::visits);
        router.get("/api/van/tour.ics").handler(ctx -> feed(ctx, null));
        router.get("/api/van/communes/:id/tour.ics").handler(ctx -> feed(ctx, ctx.pathParam("id")));
        router.get("/api/van/stops").handler(this::stops);
        router.get("/api/van/exceptions").handler(this::exceptions);
    }

    /** The feed of one commune, as the kiosk's QR code and the town halls link it. */
    static String calendarUrl(String publicUrl, String commune) {
        String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        return base + (commune == null ? "/api/van/tour.ics" : "/api/van/communes/" + commune + "/tour.ics");
    }

    private void communes(RoutingContext ctx) {
        Replies.answer(vertx, ctx, 200, () -> VanApi.items(store.territory().communes().stream()
                .map(c -> VanJson.commune(c, c.vanServed() ? calendarUrl(publicUrl.get(), c.id()) : null)).toList())
                .put("calendarUrl", calendarUrl(publicUrl.get(), null)).put("example", store.territory().example()));
    }

    private void stops(RoutingContext ctx) {
        Replies.answer(vertx, ctx, 200, () -> {
            VanTour tour = store.tour();
            return VanApi.items(tour.stops().stream().map(s -> VanJson.stop(s, tour.name(s.communeId()))).toList())
                    .put("example", store.territory().example());
        });
    }

    private void exceptions(RoutingContext ctx) {
        Replies.answer(vertx, ctx, 200, () -> VanApi.items(store.exceptions().stream().map(VanJson::exception)
                .toList()).put("example", store.territory().example()));
    }

    private void visits(RoutingContext ctx) {
        MultiMap query = ctx.queryParams();
        LocalDate from;
        LocalDate to;
        int limit;
        int skip;
        String commune;
        try {
            for (String name : query.names()) {
                if (!VISIT_PARAMETERS.contains(name)) {
                    throw Refusal.invalid("unknown parameter '" + name + "': this route takes "
                            + String.join(", ", new TreeSet<>(VISIT_PARAMETERS)));
                }
            }
            commune = query.get("commune");
            if (commune != null && Ids.problem(commune) != null) {
                throw Refusal.invalid("commune " + Ids.problem(commune));
            }
            from = date(query, "from", LocalDate.now(clock.withZone(VanTour.ZONE)));
            to = date(query, "to", from.plusDays(DEFAULT_DAYS));
            if (to.isBefore(from) || ChronoUnit.DAYS.between(from, to) > MAX_DAYS) {
                throw Refusal.invalid("to must be from 0 to " + MAX_DAYS + " days after from");
            }
            limit = whole(query, "limit", DEFAULT_LIMIT, 1, 1000);
            skip = whole(query, "cursor", 0, 0, 100_000);
        } catch (Refusal e) {
            Replies.failed(ctx, e);
            return;
        }
        String path = ctx.request().path();
        Replies.list(vertx, ctx, () -> {
            if (commune != null && store.territory().commune(commune).isEmpty()) {
                throw Refusal.notFound("no commune " + commune);
            }
            List<Visit> visits = store.tour().visits(from, to, commune);
            List<Visit> page = visits.stream().skip(skip).limit(limit).toList();
            String next = skip + page.size() < visits.size() ? Integer.toString(skip + page.size()) : null;
            String link = next == null ? null : path + "?" + (commune == null ? "" : "commune=" + commune + "&")
                    + "from=" + from + "&to=" + to + "&limit=" + limit + "&cursor=" + next;
            return new Replies.Listing(VanApi.items(page.stream().map(VanJson::visit).toList()).put("next", next)
                    .put("example", store.territory().example()), visits.size(), link);
        });
    }

    private void feed(RoutingContext ctx, String communeId) {
        if (communeId != null && Ids.problem(communeId) != null) {
            Replies.failed(ctx, Refusal.invalid("commune " + Ids.problem(communeId)));
            return;
        }
        vertx.executeBlocking(() -> {
            Commune commune = communeId == null ? null : store.territory().commune(communeId)
                    .orElseThrow(() -> Refusal.notFound("no commune " + communeId));
            return TourCalendar.feed(store.tour(), commune, store.territory().example(), clock.instant());
        }, false).onComplete(result -> {
            if (result.failed()) {
                Replies.failed(ctx, result.cause());
                return;
            }
            ctx.response().putHeader("content-type", "text/calendar; charset=utf-8")
                    .putHeader("content-disposition", "inline; filename=\"tournee" + (communeId == null ? ""
                            : "-" + communeId) + ".ics\"")
                    .end(result.result());
        });
    }

    private static LocalDate date(MultiMap query, String name, LocalDate otherwise) {
        String value = query.get(name);
        try {
            return value == null ? otherwise : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw Refusal.invalid(name + " must be a date YYYY-MM-DD, got '" + value + "'");
        }
    }

    private static int whole(MultiMap query, String name, int otherwise, int min, int max) {
        String value = query.get(name);
        if (value == null) {
            return otherwise;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw Refusal.invalid(name + " must be a whole number from " + min + " to " + max + ", got '" + value + "'");
    }
}
