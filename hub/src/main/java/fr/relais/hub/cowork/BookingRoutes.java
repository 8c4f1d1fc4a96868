package fr.relais.hub.cowork;

import fr.relais.hub.access.AccessChanges;
import fr.relais.hub.auth.Audit;
import fr.relais.hub.auth.SiteScope.Anonymous;
import fr.relais.hub.auth.SiteScope;
import fr.relais.hub.web.ApiErrors;
import fr.relais.hub.web.Refusal;
import fr.relais.hub.web.Replies;
import fr.relais.protocol.Ids;
import fr.relais.protocol.MessageIds;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Set;

/** Rooms and desks, their bookings (an overlap is a 409 naming the booking it meets), and the site settings. */
final class BookingRoutes {
    /** A booking longer than this is a mistake (a year typed for a day), not a reservation. */
    static final Duration MAX_BOOKING = Duration.ofDays(31);

    private final Vertx vertx;
    private final MemberRoutes members;
    private final ResourceStore resources;
    private final BookingStore bookings;
    private final SiteSettingsStore settings;
    private final AccessChanges changes;
    private final Clock clock;

    BookingRoutes(Vertx vertx, MemberRoutes members, ResourceStore resources, BookingStore bookings,
                  SiteSettingsStore settings, AccessChanges changes, Clock clock) {
        this.vertx = vertx;
        this.members = members;
        this.resources = resources;
        this.bookings = bookings;
        this.settings = settings;
        this.changes = changes;
        this.clock = clock;
    }

    void mount(Router router) {
        router.get("/api/coworking/resources").handler(this::listResources);
        router.post("/api/coworking/resources").handler(this::createResource);
        router.get("/api/coworking/bookings").handler(this::listBookings);
        router.post("/api/coworking/bookings").handler(this::book);
        router.delete("/api/coworking/bookings/:id").handler(this::cancel);
        router.get("/api/coworking/sites/:site/settings").handler(this::readSettings);
        router.put("/api/coworking/sites/:site/settings").handler(this::putSettings);
    }

    private void listResources(RoutingContext ctx) {
        try {
            CoworkQuery query = CoworkQuery.of(ctx.queryParams(), Set.of("site"));
            String site = SiteScope.listed(ctx, query.id("site"), CoworkQuery.OWN_SITE);
            Replies.page(vertx, ctx, query.page(), page -> resources.list(site, page), CoworkJson::resource);
        } catch (CoworkBody.Invalid e) {
            ApiErrors.fail(ctx, 400, e.getMessage());
        } catch (Refusal e) {
            Replies.failed(ctx, e);
        }
    }

    private void createResource(RoutingContext ctx) {
        Resource resource;
        try {
            CoworkBody body = CoworkBody.of(ctx, Set.of("site", "name", "kind", "door"));
            String site = SiteScope.listed(ctx, body.id("site", false), CoworkQuery.OWN_SITE);
            if (site == null) {
                throw new CoworkBody.Invalid("site is required");
            }
            resource = new Resource(MessageIds.next().toString(), site, body.text("name", true),
                    body.choice("kind", true, Resource.KINDS), body.id("door", false), clock.millis());
        } catch (CoworkBody.Invalid e) {
            ApiErrors.fail(ctx, 400, e.getMessage());
            return;
        } catch (Refusal e) {
            Replies.failed(ctx, e);
            return;
        }
        Audit.summary(ctx, "coworking resource " + resource.id() + " created on " + resource.site());
        Replies.answer(vertx, ctx, 201, () -> {
            resources.create(resource);
            changes.changed(resource.site());
            return CoworkJson.resource(resource);
        });
    }

    private void listBookings(RoutingContext ctx) {
        try {
            CoworkQuery query = CoworkQuery.of(ctx.queryParams(), Set.of("site", "from", "to"));
            String site = SiteScope.listed(ctx, query.id("site"), CoworkQuery.OWN_SITE);
            Instant from = query.instant("from");
            Instant to = query.instant("to");
            Replies.page(vertx, ctx, query.page(), page -> bookings.list(site, from, to, page), CoworkJson::booking);
        } catch (CoworkBody.Invalid e) {
            ApiErrors.fail(ctx, 400, e.getMessage());
        } catch (Refusal e) {
            Replies.failed(ctx, e);
        }
    }

    private void book(RoutingContext ctx) {
        String resourceId;
        String memberId;
        Instant from;
        Instant until;
        try {
            CoworkBody body = CoworkBody.of(ctx, Set.of("resourceId", "memberId", "from", "until"));
            resourceId = body.id("resourceId", true);
            memberId = body.id("memberId", true);
            from = body.instant("from", true);
            until = body.instant("until", true);
            if (!until.isAfter(from)) {
                throw new CoworkBody.Invalid("until must be after from");
            }
            if (Duration.between(from, until).compareTo(MAX_BOOKING) > 0) {
                throw new CoworkBody.Invalid("until: a booking lasts at most " + MAX_BOOKING.toDays() + " days");
            }
        } catch (CoworkBody.Invalid e) {
            ApiErrors.fail(ctx, 400, e.getMessage());
            return;
        }
        Audit.summary(ctx, "coworking booking of " + resourceId + " for member " + memberId + " from " + from);
        Replies.answer(vertx, ctx, 201, () -> {
            Resource resource = resources.find(resourceId)
                    .orElseThrow(() -> new Refusal(400, "resourceId: no resource " + resourceId));
            SiteScope.maySee(ctx, resource.site(), Anonymous.PASSES, CoworkQuery.ANOTHER_SITE);
            Member member = members.member(ctx, memberId);
            if (!member.site().equals(resource.site())) {
                throw new Refusal(400, "memberId: member " + memberId + " is of site " + member.site()
                        + ", the resource of site " + resource.site());
            }
            if (!member.status().equals("active")) {
                throw new Refusal(409, "member " + memberId + " is " + member.status() + ": no new booking");
            }
            Booking booking = bookings.create(new Booking(MessageIds.next().toString(), resource.site(), resourceId,
                    memberId, from, until, clock.millis(), null));
            changes.changed(booking.site());
            return CoworkJson.booking(booking);
        });
    }

    private void cancel(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Audit.summary(ctx, "coworking booking " + id + " cancelled");
        Replies.answer(vertx, ctx, 200, () -> {
            Booking booking = bookings.find(id).orElseThrow(() -> Refusal.notFound("no booking " + id));
            SiteScope.maySee(ctx, booking.site(), Anonymous.PASSES, CoworkQuery.ANOTHER_SITE);
            if (!bookings.cancel(booking, clock.millis())) {
                throw new Refusal(409, "booking " + id + " is cancelled already");
            }
            changes.changed(booking.site());
            return CoworkJson.booking(bookings.find(id).orElseThrow());
        });
    }

    private void readSettings(RoutingContext ctx) {
        String site = ctx.pathParam("site");
        if (Ids.problem(site) != null) {
            ApiErrors.fail(ctx, 400, "site " + Ids.problem(site));
            return;
        }
        Replies.answer(vertx, ctx, 200, () -> {
            SiteScope.maySee(ctx, site, Anonymous.PASSES, CoworkQuery.ANOTHER_SITE);
            return CoworkJson.settings(settings.of(site));
        });
    }

    private void putSettings(RoutingContext ctx) {
        String site = ctx.pathParam("site");
        SiteSettings asked;
        try {
            if (Ids.problem(site) != null) {
                throw new CoworkBody.Invalid("site " + Ids.problem(site));
            }
            CoworkBody body = CoworkBody.of(ctx, Set.of("timeZone", "bookingMarginMinutes", "autoCheckoutAt"));
            String zone = body.text("timeZone", true, 64);
            Integer margin = body.whole("bookingMarginMinutes", 0, 240);
            String checkout = body.text("autoCheckoutAt", true, 5);
            if (margin == null) {
                throw new CoworkBody.Invalid("bookingMarginMinutes is required");
            }
            asked = new SiteSettings(site, zone(zone), margin, time(checkout));
        } catch (CoworkBody.Invalid e) {
            ApiErrors.fail(ctx, 400, e.getMessage());
            return;
        }
        Audit.summary(ctx, "coworking settings of " + site + " changed");
        Replies.answer(vertx, ctx, 200, () -> {
            SiteScope.maySee(ctx, site, Anonymous.PASSES, CoworkQuery.ANOTHER_SITE);
            settings.put(asked);
            changes.changed(site);
            return CoworkJson.settings(asked);
        });
    }

    private static ZoneId zone(String text) throws CoworkBody.Invalid {
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw new CoworkBody.Invalid("timeZone must be a zone id such as Europe/Paris, got '" + text + "'");
        }
    }

    private static LocalTime time(String text) throws CoworkBody.Invalid {
        try {
            if (!text.matches("\\d\\d:\\d\\d")) {
                throw new DateTimeParseException("HH:mm", text, 0);
            }
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new CoworkBody.Invalid("autoCheckoutAt must be a local time HH:mm, got '" + text + "'");
        }
    }
}
